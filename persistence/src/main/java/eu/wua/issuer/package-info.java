/** The OpenID4VCI credential issuer: what it offers (credential configurations) and its batch policy. */
package eu.wua.issuer;
