/** The presentation verifier's table: {@code verifier_nonce}. */
package eu.wua.verifier;
