package eu.wua.issuer;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The once-only rules in memory: c_nonces issued with an expiry, used jtis and Key Attestations. */
final class InMemorySingleUse implements SingleUse {

    private final Map<String, Instant> liveNonces = new HashMap<>();
    private final Set<String> usedJtis = new HashSet<>();
    private final Set<String> usedKeyAttestations = new HashSet<>();

    String issueNonce(String nonce, Instant expiresAt) {
        liveNonces.put(nonce, expiresAt);
        return nonce;
    }

    @Override
    public boolean isLiveCNonce(String nonce, Instant now) {
        return liveNonces.containsKey(nonce) && liveNonces.get(nonce).isAfter(now);
    }

    @Override
    public boolean useCNonce(String nonce, Instant now) {
        return isLiveCNonce(nonce, now) && liveNonces.remove(nonce) != null;
    }

    @Override
    public boolean isPopJtiUsed(String instanceKeyThumbprint, String jti) {
        return usedJtis.contains(instanceKeyThumbprint + " " + jti);
    }

    @Override
    public boolean usePopJti(String instanceKeyThumbprint, String jti, Instant now) {
        return usedJtis.add(instanceKeyThumbprint + " " + jti);
    }

    private final Set<String> usedDpopJtis = new HashSet<>();
    private final Map<String, Instant> liveDpopNonces = new HashMap<>();

    String issueDpopNonce(String nonce, Instant expiresAt) {
        liveDpopNonces.put(nonce, expiresAt);
        return nonce;
    }

    @Override
    public boolean useDpopJti(String keyThumbprint, String jti, Instant now) {
        return usedDpopJtis.add(keyThumbprint + " " + jti);
    }

    @Override
    public boolean isLiveDpopNonce(String nonce, Instant now) {
        return liveDpopNonces.containsKey(nonce) && liveDpopNonces.get(nonce).isAfter(now);
    }

    @Override
    public boolean isKeyAttestationUsed(String keyAttestationId) {
        return usedKeyAttestations.contains(keyAttestationId);
    }

    @Override
    public boolean useKeyAttestation(String keyAttestationId, Instant now) {
        return usedKeyAttestations.add(keyAttestationId);
    }
}
