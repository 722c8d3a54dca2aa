package eu.wua.issuer;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** What BatchAtomicityIT looks at in the database after a failed batch. */
@Stateless
public class IssuanceProbe {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    public long credentialStatusEntries() {
        return em.createQuery("SELECT COUNT(e) FROM StatusListEntry e WHERE e.position.listId LIKE 'pid-%'", Long.class).getSingleResult();
    }

    public long issuedCredentials() {
        return em.createQuery("SELECT COUNT(c) FROM IssuedCredential c", Long.class).getSingleResult();
    }

    /** The offer's pre-authorized code ran out a minute ago. */
    public void expire(String offerId) {
        em.createQuery("UPDATE CredentialOffer o SET o.expiresAt = :past WHERE o.id = :id")
                .setParameter("past", java.time.Instant.now().minusSeconds(60)).setParameter("id", offerId).executeUpdate();
    }

    public long usedKeyAttestations() {
        return em.createQuery("SELECT COUNT(k) FROM UsedKeyAttestation k", Long.class).getSingleResult();
    }
}
