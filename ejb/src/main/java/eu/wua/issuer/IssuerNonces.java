package eu.wua.issuer;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The c_nonces of the nonce endpoint (VCI §7): unpredictable, short-lived, single use, kept for every node. */
@Stateless
public class IssuerNonces {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private IssuerSettings settings;

    public String issue() {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(value);
        em.persist(new IssuerNonce(nonce, clock.instant().plus(settings.nonceLifetime())));
        return nonce;
    }

    /** Whether the c_nonce could be used now, without using it (the console's inspector). */
    public boolean isLive(String nonce, Instant now) {
        return em.createQuery("SELECT COUNT(n) FROM IssuerNonce n WHERE n.nonce = :nonce AND n.consumedAt IS NULL AND n.expiresAt > :now", Long.class)
                .setParameter("now", now).setParameter("nonce", nonce).getSingleResult() == 1;
    }

    /** Uses the c_nonce up if it is known, unused and unexpired: one conditional UPDATE, so exactly one of two racers wins. */
    public boolean consume(String nonce, Instant now) {
        return em.createQuery("UPDATE IssuerNonce n SET n.consumedAt = :now WHERE n.nonce = :nonce AND n.consumedAt IS NULL AND n.expiresAt > :now")
                .setParameter("now", now).setParameter("nonce", nonce).executeUpdate() == 1;
    }
}
