package eu.wua.issuer;

import java.time.Instant;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Moves the authorization code flow's deadlines into the past, for AuthorizationExpiryIT: no test waits a minute. */
@Stateless
public class AuthorizationProbe {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    /** Every pushed request's request_uri and every authorization code ran out a second ago. */
    public void expirePushedRequestsAndCodes() {
        Instant past = Instant.now().minusSeconds(1);
        em.createQuery("UPDATE PushedAuthorization p SET p.expiresAt = :past").setParameter("past", past).executeUpdate();
        em.createQuery("UPDATE AuthorizationCode c SET c.expiresAt = :past").setParameter("past", past).executeUpdate();
    }

    /** Every refresh token's authorization is older than the refresh horizon. */
    public void passRefreshHorizons() {
        em.createQuery("UPDATE RefreshToken t SET t.horizonEndsAt = :past").setParameter("past", Instant.now().minusSeconds(1)).executeUpdate();
    }
}
