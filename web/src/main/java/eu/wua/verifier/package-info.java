/** The presentation verifier's API. */
package eu.wua.verifier;
