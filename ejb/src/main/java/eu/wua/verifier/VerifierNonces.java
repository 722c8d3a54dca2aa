package eu.wua.verifier;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The verifier's challenges: random, short-lived, used by one presentation on any node (a
 * conditional UPDATE in the presentation's transaction, undone if a later check refuses it).
 */
@Stateless
public class VerifierNonces {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    @ConfigProperty(name = "wua.verifier.nonce-lifetime", defaultValue = "PT5M")
    Duration lifetime;

    @Inject
    private Clock clock;

    public record Issued(String nonce, long expiresIn) {
    }

    public Issued issue() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        em.persist(new VerifierNonce(nonce, clock.instant().plus(lifetime)));
        return new Issued(nonce, lifetime.toSeconds());
    }

    /** Uses the nonce up; false when it is unknown, expired or used ({@link NonceUse}). */
    public boolean use(String nonce) {
        if (nonce == null || nonce.length() > 64) {
            return false;
        }
        Instant now = clock.instant();
        return em.createQuery("UPDATE VerifierNonce n SET n.consumedAt = :now WHERE n.nonce = :nonce AND n.consumedAt IS NULL"
                + " AND n.expiresAt > :now").setParameter("now", now).setParameter("nonce", nonce).executeUpdate() == 1;
    }
}
