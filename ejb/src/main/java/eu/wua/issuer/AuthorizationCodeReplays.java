package eu.wua.issuer;

import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;

/**
 * RFC 6749 §4.1.2: a code used twice is a sign it was stolen, so the tokens issued from it (access
 * and refresh) are revoked. In a transaction of its own: the request that reused the code is refused
 * and rolls back, the revocation must stay.
 */
@Stateless
public class AuthorizationCodeReplays {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private AuditTrail audit;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void revokeTokensOf(AuthorizationCode code) {
        int accessTokens = em.createQuery("DELETE FROM AccessToken t WHERE t.authorizationCodeHash = :code")
                .setParameter("code", code.getCodeHash()).executeUpdate();
        int refreshTokens = em.createQuery("DELETE FROM RefreshToken t WHERE t.authorizationCodeHash = :code")
                .setParameter("code", code.getCodeHash()).executeUpdate();
        audit.record("wallet:" + code.getClientId(), "authorization_code.replayed", code.getOfferId(), Map.of("client_id", code.getClientId(),
                "access_tokens_revoked", String.valueOf(accessTokens), "refresh_tokens_revoked", String.valueOf(refreshTokens)));
    }
}
