package eu.wua.issuer;

import java.time.Instant;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

/**
 * {@link SingleUse} in the database, in the caller's transaction: a racing twin, on this node or
 * another, fails on the primary key or changes no row. A refused request rolls back, so what it
 * used stays usable.
 */
@Stateless
public class SingleUseInDatabase implements SingleUse {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private IssuerNonces nonces;

    @Inject
    private DpopNonces dpopNonces;

    @Override
    public boolean isLiveCNonce(String nonce, Instant now) {
        return nonces.isLive(nonce, now);
    }

    @Override
    public boolean useCNonce(String nonce, Instant now) {
        return nonces.consume(nonce, now);
    }

    @Override
    public boolean isPopJtiUsed(String instanceKeyThumbprint, String jti) {
        return em.find(ClientAttestationJti.class, new ClientAttestationJti.Key(instanceKeyThumbprint, jti)) != null;
    }

    @Override
    public boolean usePopJti(String instanceKeyThumbprint, String jti, Instant now) {
        return insertOnce(new ClientAttestationJti(instanceKeyThumbprint, jti, now));
    }

    @Override
    public boolean useDpopJti(String keyThumbprint, String jti, Instant now) {
        return insertOnce(new DpopProofJti(keyThumbprint, jti, now));
    }

    @Override
    public boolean isLiveDpopNonce(String nonce, Instant now) {
        return dpopNonces.isLive(nonce, now);
    }

    @Override
    public boolean isKeyAttestationUsed(String keyAttestationId) {
        return em.find(UsedKeyAttestation.class, keyAttestationId) != null;
    }

    @Override
    public boolean useKeyAttestation(String keyAttestationId, Instant now) {
        return insertOnce(new UsedKeyAttestation(keyAttestationId, now));
    }

    private boolean insertOnce(Object row) {
        try {
            em.persist(row);
            em.flush();
            return true;
        } catch (PersistenceException e) {
            return false;
        }
    }
}
