package eu.wua.issuer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jose4j.jwk.PublicJsonWebKey;

import eu.wua.status.StatusReference;

/**
 * A Key Attestation that passed every check: its keys in order, the Wallet Provider that signed it,
 * its status reference and until when that is maintained, and the {@code nonce} it carries, if any.
 */
public record VerifiedKeyAttestation(String hash, boolean ts3Profile, String walletProviderId, List<PublicJsonWebKey> attestedKeys,
        List<String> keyStorage, Optional<StatusReference> status, Instant statusMaintainedUntil, Instant expiresAt,
        Optional<String> nonce) {
}
