package eu.wua.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.issuer.ClientAttestationJti;
import eu.wua.issuer.DpopNonce;
import eu.wua.issuer.DpopProofJti;
import eu.wua.issuer.IssuerNonce;
import eu.wua.verifier.VerifierNonce;
import eu.wua.walletprovider.InstanceProofUse;
import eu.wua.walletprovider.WalletProviderNonce;

/**
 * Writes single-use rows on either side of their families' cutoffs and runs the pruning inside the
 * platform, for ExpiredRowPruningIT: no test waits five minutes.
 */
@Stateless
public class PruningProbe {

    /** Expired rows per family: more than two chunks of the ITs' wua.pruning.chunk (100). */
    static final int EXPIRED = 250;
    /** Of them, how many share one instant (more than a chunk: the chunk's edge takes them together). */
    static final int SHARING_AN_INSTANT = 120;
    static final int LIVE = 3;

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private ExpiredRowPruning pruning;

    /**
     * {@value #EXPIRED} rows past each family's cutoff and {@value #LIVE} just before it, their keys
     * starting with {@code marker}. The jtis' cutoffs: the instance proof's nonce lifetime twice (10 min),
     * the issuer's proof-max-age and twice the skew (7 min, the ITs' defaults).
     */
    public void writeRowsAround(String instanceId, String marker) {
        Instant now = Instant.now();
        write(marker, now.minusSeconds(60), now.plusSeconds(300), (key, at) -> new WalletProviderNonce(key, at));
        write(marker, now.minus(Duration.ofMinutes(11)), now.minus(Duration.ofMinutes(9)), (key, at) -> new InstanceProofUse(instanceId, key, at));
        write(marker, now.minusSeconds(60), now.plusSeconds(300), (key, at) -> new IssuerNonce(key, at));
        write(marker, now.minusSeconds(60), now.plusSeconds(300), (key, at) -> new DpopNonce(key, at));
        write(marker, now.minus(Duration.ofMinutes(8)), now.minus(Duration.ofMinutes(6)), (key, at) -> new ClientAttestationJti(marker, key, at));
        write(marker, now.minus(Duration.ofMinutes(8)), now.minus(Duration.ofMinutes(6)), (key, at) -> new DpopProofJti(marker, key, at));
        write(marker, now.minusSeconds(60), now.plusSeconds(300), (key, at) -> new VerifierNonce(key, at));
    }

    private void write(String marker, Instant expired, Instant live, BiFunction<String, Instant, Object> row) {
        for (int i = 0; i < EXPIRED; i++) {
            Instant at = i < SHARING_AN_INSTANT ? expired : expired.minusMillis(i);
            em.persist(row.apply(marker + "-expired-" + i, at));
        }
        for (int i = 0; i < LIVE; i++) {
            em.persist(row.apply(marker + "-live-" + i, live));
        }
    }

    /** Per family, how many of the rows written with {@code marker} are left, expired and live. */
    public Map<String, String> left(String marker) {
        Map<String, String> left = new LinkedHashMap<>();
        left.put("wallet provider nonces", leftOf("wallet_provider_nonce", "nonce", marker));
        left.put("instance proof jtis", leftOf("instance_proof_jti", "jti", marker));
        left.put("issuer c_nonces", leftOf("issuer_nonce", "nonce", marker));
        left.put("DPoP server nonces", leftOf("dpop_nonce", "nonce", marker));
        left.put("client attestation PoP jtis", leftOf("client_attestation_jti", "jti", marker));
        left.put("DPoP proof jtis", leftOf("dpop_proof_jti", "jti", marker));
        left.put("verifier nonces", leftOf("verifier_nonce", "nonce", marker));
        return left;
    }

    private String leftOf(String table, String key, String marker) {
        return count(table, key, marker + "-expired-%") + " expired, " + count(table, key, marker + "-live-%") + " live";
    }

    private long count(String table, String key, String pattern) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + key + " LIKE ?1").setParameter(1, pattern)
                .getSingleResult()).longValue();
    }

    /** The wallet provider nonce's row ran out a minute ago (it was used up with its proof). */
    public void expireWalletProviderNonce(String nonce) {
        em.createQuery("UPDATE WalletProviderNonce n SET n.expiresAt = :past WHERE n.nonce = :nonce")
                .setParameter("past", Instant.now().minusSeconds(60)).setParameter("nonce", nonce).executeUpdate();
    }

    public boolean walletProviderNonceExists(String nonce) {
        return em.find(WalletProviderNonce.class, nonce) != null;
    }

    /** Every family's turn is due now, as if the interval had passed on every node. */
    public void makeEveryTurnDue() {
        em.createQuery("UPDATE ExpiredRowPruningTurn t SET t.nextRunAt = :past").setParameter("past", Instant.now().minusSeconds(1))
                .executeUpdate();
    }

    public Map<String, Integer> pruneDue() {
        return pruning.pruneDue();
    }
}
