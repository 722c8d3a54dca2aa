/**
 * The Wallet Provider: wallet instances (registration with app integrity evidence, instance
 * proofs), their WIAs, WSCD keys with Key Attestations in both profiles, the PIN, the key store
 * certification registry, and instance revocation (announced as {@link eu.wua.status.AttestationsWithdrawn}).
 * <p>Owns {@code wallet_instance}, {@code wallet_provider_nonce}, {@code instance_proof_use},
 * {@code wallet_instance_attestation}, {@code wia_status_assignment}, {@code key_attestation}, {@code wscd_key} and
 * {@code key_store_certification}. May use: {@code status}, {@code trust}, {@code console},
 * {@code audit}, {@code platform}, {@code wscd}; never the issuer (which trusts only its signatures).
 */
package eu.wua.walletprovider;
