package eu.wua.issuer;

import java.util.OptionalInt;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Counts tx_code attempts in a transaction of its own, each before its slow hash is computed: the
 * token request that carried a wrong one is refused and rolls back, but the count must stay (VCI
 * §13.6.3: guessing is limited, then the code dies), and twenty guesses sent at once must not all be
 * checked because none of them was counted yet.
 */
@Stateless
public class TxCodeAttempts {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    /**
     * Counts one more attempt if fewer than {@code maxAttempts} were made; answers the attempts so far,
     * this one included, or empty when none is left. One conditional UPDATE: of racers on any node,
     * at most {@code maxAttempts} are counted.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public OptionalInt reserve(String offerId, int maxAttempts) {
        int counted = em.createQuery("UPDATE CredentialOffer o SET o.txCodeFailures = o.txCodeFailures + 1"
                        + " WHERE o.id = :id AND o.txCodeFailures < :max")
                .setParameter("id", offerId).setParameter("max", maxAttempts).executeUpdate();
        if (counted == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(em.createQuery("SELECT o.txCodeFailures FROM CredentialOffer o WHERE o.id = :id", Integer.class)
                .setParameter("id", offerId).getSingleResult());
    }
}
