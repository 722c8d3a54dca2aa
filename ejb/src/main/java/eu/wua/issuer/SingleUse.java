package eu.wua.issuer;

import java.time.Instant;

/**
 * The issuer's once-only rules: c_nonces, client attestation PoP and DPoP proof {@code jti}s, and Key
 * Attestations; and the DPoP server nonces, which are not once-only but must be known on every node.
 * Each is looked at (an inspection) or used; a use is refused when it was used before, on any node
 * ({@link SingleUseInDatabase} keeps them as primary keys and conditional updates).
 */
public interface SingleUse {

    /** Whether the c_nonce could be used now, without using it. */
    boolean isLiveCNonce(String nonce, Instant now);

    /** Uses the c_nonce up; false when it is unknown, expired or used. */
    boolean useCNonce(String nonce, Instant now);

    boolean isPopJtiUsed(String instanceKeyThumbprint, String jti);

    /** Records the PoP's jti for the instance key; false when it was recorded before. */
    boolean usePopJti(String instanceKeyThumbprint, String jti, Instant now);

    /** Records the DPoP proof's jti for the key; false when it was recorded before (RFC 9449 §11.1). */
    boolean useDpopJti(String keyThumbprint, String jti, Instant now);

    /** Whether the DPoP server nonce is one this issuer gave out and still accepts, on any node. */
    boolean isLiveDpopNonce(String nonce, Instant now);

    boolean isKeyAttestationUsed(String keyAttestationId);

    /** Records the Key Attestation as used for an issuance; false when it was before. */
    boolean useKeyAttestation(String keyAttestationId, Instant now);
}
