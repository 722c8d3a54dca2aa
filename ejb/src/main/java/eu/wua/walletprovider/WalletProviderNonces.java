package eu.wua.walletprovider;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Single-use nonces for instance proofs, valid five minutes, kept in the database for every node. */
@Stateless
public class WalletProviderNonces {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    public String issue() {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(value);
        em.persist(new WalletProviderNonce(nonce, clock.instant().plus(LIFETIME)));
        return nonce;
    }

    /**
     * Uses the nonce up, if it exists, is unused and unexpired. One conditional UPDATE: of two
     * requests racing with the same nonce, on one node or several, exactly one changes the row.
     */
    public boolean consume(String nonce, Instant now) {
        return em.createQuery("UPDATE WalletProviderNonce n SET n.consumedAt = :now "
                        + "WHERE n.nonce = :nonce AND n.consumedAt IS NULL AND n.expiresAt > :now")
                .setParameter("now", now).setParameter("nonce", nonce).executeUpdate() == 1;
    }
}
