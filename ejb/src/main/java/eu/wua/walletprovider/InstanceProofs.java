package eu.wua.walletprovider;

import java.time.Instant;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import eu.wua.walletprovider.WalletProviderRejection.Reason;

/**
 * Authenticates a call by a registered instance: the instance exists and is not revoked, its proof
 * is valid, and the proof's nonce and jti are used for the first and last time (database rules).
 */
@Stateless
public class InstanceProofs {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private WalletProviderNonces nonces;

    @Inject
    private WalletProviderSettings settings;

    /** The instance, once its proof has been checked and used up; in the caller's transaction. */
    public WalletInstance authenticate(String instanceId, String proof, Instant now) throws WalletProviderRejection {
        WalletInstance instance = findActiveInstance(instanceId);
        InstanceProof checked = new InstanceProofVerifier(settings.identifier()).verify(proof, publicKeyOf(instance), now);
        requireFreshNonce(checked, now);
        requireFirstUseOfJti(instance, checked, now);
        return instance;
    }

    private WalletInstance findActiveInstance(String instanceId) throws WalletProviderRejection {
        WalletInstance instance = instanceId == null ? null : em.find(WalletInstance.class, instanceId);
        if (instance == null) {
            throw new WalletProviderRejection(Reason.UNKNOWN_INSTANCE, "no wallet instance " + instanceId);
        }
        if (instance.isRevoked()) {
            throw new WalletProviderRejection(Reason.INSTANCE_REVOKED, "wallet instance " + instanceId + " is revoked");
        }
        return instance;
    }

    private static java.security.PublicKey publicKeyOf(WalletInstance instance) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(instance.getInstanceKeyJwk()).getPublicKey();
        } catch (JoseException e) {
            throw new IllegalStateException("stored instance key of " + instance.getId() + " does not parse", e);
        }
    }

    private void requireFreshNonce(InstanceProof proof, Instant now) throws WalletProviderRejection {
        if (!nonces.consume(proof.nonce(), now)) {
            throw new WalletProviderRejection(Reason.PROOF_NONCE_UNKNOWN_USED_OR_EXPIRED,
                    "the proof's nonce is unknown, used already or expired: get a new one");
        }
    }

    /** The primary key refuses a second use; flushing now turns that into this rejection. */
    private void requireFirstUseOfJti(WalletInstance instance, InstanceProof proof, Instant now) throws WalletProviderRejection {
        if (em.find(InstanceProofUse.class, new InstanceProofUse.Key(instance.getId(), proof.jti())) != null) {
            throw new WalletProviderRejection(Reason.PROOF_JTI_REPLAYED, "this proof's jti was used already");
        }
        em.persist(new InstanceProofUse(instance.getId(), proof.jti(), now));
        try {
            em.flush();
        } catch (PersistenceException e) {
            // another request with the same jti recorded it first, between our look-up and our write
            throw new WalletProviderRejection(Reason.PROOF_JTI_REPLAYED, "this proof's jti was used already");
        }
    }
}
