/**
 * The OpenID4VCI credential issuer: metadata, offers, c_nonces, the token endpoint with
 * attestation-based client authentication, the credential endpoint (proofs, Key Attestations,
 * batches of SD-JWT VC PIDs), credential revocation and the 24-hour re-check, the directory and
 * the inspector. Its verifiers are plain classes over interfaces ({@link eu.wua.trust.WalletProviderTrust},
 * {@link eu.wua.status.StatusLookup}, {@link eu.wua.issuer.SingleUse}) so that each reason is unit-tested.
 * <p>Owns {@code credential_configuration}, {@code credential_offer}, {@code issuer_nonce},
 * {@code client_attestation_jti}, {@code dpop_proof_jti}, {@code dpop_nonce}, {@code pushed_authorization_request},
 * {@code authorization_code}, {@code access_token}, {@code refresh_token}, {@code used_key_attestation},
 * {@code issued_credential} and {@code status_recheck_state}. May use: {@code status},
 * {@code trust}, {@code console}, {@code audit}, {@code platform}, {@code wscd}; never the Wallet
 * Provider (whose attestations it reads only as signed tokens and published lists).
 */
package eu.wua.issuer;
