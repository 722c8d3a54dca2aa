package eu.wua.status;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.platform.PlatformSettings;
import eu.wua.wscd.WscdException;

/**
 * Publishes the Token Status Lists: {@code wia-N} and {@code ka-N} (the Wallet Provider's, 1 bit,
 * signed by its status-list key) and {@code pid-N} (the issuer's, 2 bits so that a credential can
 * be suspended, signed by the issuer's status-list key). A signed list is kept and signed again
 * only when its content changed or half its validity has passed, not for every request.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StatusListPublisher {

    /** What a family of lists is: who signs it, how many bits an entry has, and where it is served. */
    public enum Family {
        WIA("wia", PlatformKeyPurpose.WALLET_PROVIDER_STATUS_LIST, 1, "/wallet-provider/v1/status-lists/"),
        KA("ka", PlatformKeyPurpose.WALLET_PROVIDER_STATUS_LIST, 1, "/wallet-provider/v1/status-lists/"),
        PID("pid", PlatformKeyPurpose.ISSUER_STATUS_LIST, 2, "/issuer/v1/status-lists/");

        private final String prefix;
        private final PlatformKeyPurpose signer;
        private final int bits;
        private final String path;

        Family(String prefix, PlatformKeyPurpose signer, int bits, String path) {
            this.prefix = prefix;
            this.signer = signer;
            this.bits = bits;
            this.path = path;
        }

        public String prefix() { return prefix; }
        public int bits() { return bits; }

        static Optional<Family> of(String listId) {
            return Arrays.stream(values()).filter(f -> listId.matches(f.prefix + "-[0-9]{1,9}")).findFirst();
        }
    }

    /** A signed list as served: the token, its ETag and how long it may be cached. */
    public record Published(String token, String etag, Duration ttl) {
    }

    private record Signed(byte[] digest, String token, Instant issuedAt) {
    }

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private PlatformKeys platformKeys;

    @Inject
    private PlatformSettings platform;

    @Inject
    private StatusListReservations reservations;

    @Inject
    private StatusListSettings settings;

    private final Map<String, Signed> signed = new ConcurrentHashMap<>();

    public String uri(Family family, String listId) {
        return platform.publicBaseUrl() + family.path + listId;
    }

    /** Empty for a list that does not exist (no entry was ever allocated in it) or is not served at {@code family}'s path. */
    public Optional<Published> publish(String listId, List<Family> servedHere) throws WscdException {
        Optional<Family> family = Family.of(listId).filter(servedHere::contains);
        if (family.isEmpty()) {
            return Optional.empty();
        }
        long allocated = em.createQuery("SELECT COUNT(e) FROM StatusListEntry e WHERE e.position.listId = :list", Long.class)
                .setParameter("list", listId).getSingleResult();
        if (allocated == 0) {
            return Optional.empty();
        }
        List<int[]> nonZero = em.createQuery("SELECT e.position.index, e.status FROM StatusListEntry e WHERE e.position.listId = :list"
                        + " AND e.status <> 0", Object[].class)
                .setParameter("list", listId).getResultStream()
                .map(row -> new int[] {(Integer) row[0], ((Number) row[1]).intValue()}).toList();
        // a list keeps the size it was created with, whatever the configuration says now
        int size = reservations.sizeOf(listId).orElse(settings.size());
        byte[] packed = StatusListFormat.pack(size, family.get().bits(), nonZero);
        byte[] digest = sha256(packed);
        Instant now = clock.instant();
        Duration lifetime = settings.validity();
        Signed current = signed.get(listId);
        if (current == null || !Arrays.equals(current.digest(), digest) || now.isAfter(current.issuedAt().plus(lifetime.dividedBy(2)))) {
            String lst = StatusListFormat.compress(packed);
            String token = platformKeys.signCompactJws(family.get().signer,
                    StatusListFormat.header(platformKeys.certificateChain(family.get().signer).subList(0, 1)),
                    StatusListFormat.claims(uri(family.get(), listId), now, lifetime, settings.ttl(), family.get().bits(), lst));
            current = new Signed(digest, token, now);
            signed.put(listId, current);
        }
        return Optional.of(new Published(current.token(), "\"" + java.util.HexFormat.of().formatHex(current.digest(), 0, 12)
                + "-" + current.issuedAt().getEpochSecond() + "\"", settings.ttl()));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
