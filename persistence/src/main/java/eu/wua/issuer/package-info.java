/** What the credential issuer offers: credential configurations and their batch policy. */
package eu.wua.issuer;
