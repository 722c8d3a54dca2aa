package eu.wua.issuer;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/**
 * Counts wrong tx_codes in a transaction of its own: the token request that carried one is refused
 * and rolls back, but the count must stay (VCI §13.6.3: guessing is limited, then the code dies).
 */
@Stateless
public class TxCodeAttempts {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    /** Answers the failures so far, this one included. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int recordFailure(String offerId) {
        CredentialOffer offer = em.find(CredentialOffer.class, offerId, LockModeType.PESSIMISTIC_WRITE);
        return offer == null ? Integer.MAX_VALUE : offer.recordWrongTxCode();
    }
}
