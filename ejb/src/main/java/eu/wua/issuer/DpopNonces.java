package eu.wua.issuer;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The DPoP server nonces (RFC 9449 §8, §9). Each node gives out one nonce a minute, kept as a row
 * that lives five minutes, so that a proof made with one node's nonce is accepted by every node;
 * a node's own current and previous nonces are checked from memory, others' by primary key. No
 * row is written per request, and none is locked; expired rows are pruned ({@link IssuerExpiringRows}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DpopNonces {

    static final Duration ROTATION = Duration.ofMinutes(1);
    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Issued(String nonce, Instant expiresAt) {
    }

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    private volatile Issued current;
    private volatile Issued previous;

    /** The nonce to hand out now (in the {@code DPoP-Nonce} header); a new one, recorded, once a minute. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String current() {
        Instant now = clock.instant();
        Issued issued = current;
        if (issued != null && now.isBefore(issued.expiresAt().minus(LIFETIME).plus(ROTATION))) {
            return issued.nonce();
        }
        synchronized (this) {
            if (current != null && now.isBefore(current.expiresAt().minus(LIFETIME).plus(ROTATION))) {
                return current.nonce();
            }
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            Issued fresh = new Issued(Base64.getUrlEncoder().withoutPadding().encodeToString(random), now.plus(LIFETIME));
            em.persist(new DpopNonce(fresh.nonce(), fresh.expiresAt()));
            previous = current;
            current = fresh;
            return fresh.nonce();
        }
    }

    public boolean isLive(String nonce, Instant now) {
        for (Issued mine : new Issued[] {current, previous}) {
            if (mine != null && mine.nonce().equals(nonce)) {
                return now.isBefore(mine.expiresAt());
            }
        }
        DpopNonce recorded = nonce == null || nonce.length() > 64 ? null : em.find(DpopNonce.class, nonce);
        return recorded != null && now.isBefore(recorded.getExpiresAt());
    }
}
