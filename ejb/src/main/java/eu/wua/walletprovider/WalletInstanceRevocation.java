package eu.wua.walletprovider;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.status.AttestationsWithdrawn;
import eu.wua.status.RevocationCascades;
import eu.wua.status.RevocationJob;
import eu.wua.status.StatusEntries;

/**
 * Revokes a wallet instance on the Wallet Provider's side (TS3 §2.4.2): the instance is refused from
 * then on, and the status entries of every WIA ({@code client_status}) and every KA it was given are
 * set to invalid, in one transaction with its audit event. (The issuer's credentials follow through
 * the status lists, by the revocation issue's cascade.)
 */
@Stateless
public class WalletInstanceRevocation {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private StatusEntries statusEntries;

    @Inject
    private RevocationCascades cascades;

    @Inject
    private Event<AttestationsWithdrawn> withdrawals;

    @Inject
    private AuditTrail audit;

    /** {@code cascade} is the job that revokes the instance's credentials (null when nothing changed). */
    public record Outcome(String instanceId, int attestationsRevoked, boolean alreadyRevoked, RevocationJob cascade) {
    }

    /** Empty when there is no such instance. Revoking twice changes nothing and says so. */
    public Optional<Outcome> revoke(String instanceId, String actor, String reason) {
        WalletInstance instance = em.find(WalletInstance.class, instanceId, LockModeType.PESSIMISTIC_WRITE);
        if (instance == null) {
            return Optional.empty();
        }
        if (instance.isRevoked()) {
            return Optional.of(new Outcome(instanceId, 0, true, null));
        }
        instance.revoke(clock.instant());
        int wias = invalidate("SELECT DISTINCT w.statusListId, w.statusIndex FROM WalletInstanceAttestationRecord w WHERE w.instanceId = :instance",
                instanceId);
        int kas = invalidate("SELECT k.statusListId, k.statusIndex FROM KeyAttestationRecord k WHERE k.instanceId = :instance", instanceId);
        audit.record(actor, "wallet_instance.revoked", instanceId, Map.of("reason", reason == null ? "" : reason,
                "wia_entries_revoked", String.valueOf(wias), "ka_entries_revoked", String.valueOf(kas)));
        withdrawals.fire(new AttestationsWithdrawn(RevocationJob.Kind.wallet_instance, instanceId, reason, actor));
        RevocationJob cascade = cascades.startedFrom(RevocationJob.Kind.wallet_instance, instanceId).orElseThrow();
        return Optional.of(new Outcome(instanceId, wias + kas, false, cascade));
    }

    private int invalidate(String positions, String instanceId) {
        int changed = 0;
        for (Object[] row : em.createQuery(positions, Object[].class).setParameter("instance", instanceId).getResultList()) {
            if (statusEntries.revoke((String) row[0], (Integer) row[1])) {
                changed++;
            }
        }
        return changed;
    }
}
