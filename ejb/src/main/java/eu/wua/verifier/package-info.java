/**
 * The presentation verifier (issue #20): the device-binding checks a relying party runs on an
 * SD-JWT VC presentation of this platform's PIDs, each a named step ({@link eu.wua.verifier.PresentationVerifier},
 * built with {@code new} in unit tests), and its single-use challenges.
 * <p>Owns {@code verifier_nonce}. May use: {@code status}, {@code audit}, {@code platform}, and the issuer's
 * {@code SdJwtVcFormat} only in tests (to make credentials to present).
 */
package eu.wua.verifier;
