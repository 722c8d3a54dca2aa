package eu.wua.walletprovider;

import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.status.CascadeCauses;
import eu.wua.status.RevocationJob;
import eu.wua.status.StatusListPublisher;
import eu.wua.status.StatusReference;

/**
 * The status entries of the Wallet Provider's attestations a cascade starts from, as the issuer's
 * credentials name them: a wallet instance's WIAs and KAs, or the KAs that stated a certification.
 */
@Stateless
public class AttestationStatusEntries implements CascadeCauses {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private StatusListPublisher publisher;

    @Override
    public List<StatusReference> causes(RevocationJob.Kind kind, String target) {
        return switch (kind) {
            case wallet_instance -> {
                List<StatusReference> causes = new ArrayList<>(entries("SELECT DISTINCT w.statusListId, w.statusIndex FROM WalletInstanceAttestationRecord w"
                        + " WHERE w.instanceId = :target ORDER BY w.statusListId, w.statusIndex", StatusListPublisher.Family.WIA, target));
                causes.addAll(entries("SELECT k.statusListId, k.statusIndex FROM KeyAttestationRecord k WHERE k.instanceId = :target"
                        + " ORDER BY k.statusListId, k.statusIndex", StatusListPublisher.Family.KA, target));
                yield causes;
            }
            case certification -> entries("SELECT k.statusListId, k.statusIndex FROM KeyAttestationRecord k WHERE k.certificationId = :target"
                    + " ORDER BY k.statusListId, k.statusIndex", StatusListPublisher.Family.KA, target);
            case wallet_provider -> List.of();
        };
    }

    private List<StatusReference> entries(String jpql, StatusListPublisher.Family family, String target) {
        return em.createQuery(jpql, Object[].class).setParameter("target", target).getResultStream()
                .map(row -> new StatusReference(publisher.uri(family, (String) row[0]), (Integer) row[1])).toList();
    }
}
