package eu.wua.walletprovider;

import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import eu.wua.status.RevocationCascades;
import eu.wua.status.RevocationJob;

/** Finds wallet instances and what hangs on them, for the console's pages (read only). */
@Stateless
public class WalletInstanceDirectory {

    /** One instance with its attestations, keys and the credentials a revocation would reach. */
    public record Details(WalletInstance instance, List<WalletInstanceAttestationRecord> attestations, List<KeyAttestationRecord> keyAttestations,
            List<WscdKey> keys, long credentials) {
    }

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private RevocationCascades cascades;

    /** A page of instances, newest first; {@code idPrefix} and {@code state} narrow it when given. */
    public List<WalletInstance> search(String idPrefix, WalletInstance.State state, int first, int max) {
        return filtered("SELECT i FROM WalletInstance i", idPrefix, state, " ORDER BY i.createdAt DESC", WalletInstance.class)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long count(String idPrefix, WalletInstance.State state) {
        return filtered("SELECT COUNT(i) FROM WalletInstance i", idPrefix, state, "", Long.class).getSingleResult();
    }

    public long active() {
        return count(null, WalletInstance.State.ACTIVE);
    }

    public java.util.Optional<Details> details(String id) {
        WalletInstance instance = em.find(WalletInstance.class, id);
        if (instance == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Details(instance,
                em.createQuery("SELECT w FROM WalletInstanceAttestationRecord w WHERE w.instanceId = :id ORDER BY w.issuedAt DESC",
                        WalletInstanceAttestationRecord.class).setParameter("id", id).setMaxResults(50).getResultList(),
                em.createQuery("SELECT k FROM KeyAttestationRecord k WHERE k.instanceId = :id ORDER BY k.issuedAt DESC", KeyAttestationRecord.class)
                        .setParameter("id", id).setMaxResults(50).getResultList(),
                em.createQuery("SELECT k FROM WscdKey k WHERE k.instanceId = :id ORDER BY k.createdAt DESC", WscdKey.class)
                        .setParameter("id", id).setMaxResults(200).getResultList(),
                cascades.reach(RevocationJob.Kind.wallet_instance, id)));
    }

    private <T> TypedQuery<T> filtered(String select, String idPrefix, WalletInstance.State state, String order, Class<T> type) {
        boolean byId = idPrefix != null && !idPrefix.isBlank();
        String where = byId && state != null ? " WHERE i.id LIKE :prefix AND i.state = :state"
                : byId ? " WHERE i.id LIKE :prefix" : state != null ? " WHERE i.state = :state" : "";
        TypedQuery<T> query = em.createQuery(select + where + order, type);
        if (byId) {
            query.setParameter("prefix", idPrefix.replaceAll("[^A-Za-z0-9-]", "") + "%"); // ids are UUIDs: nothing to escape
        }
        if (state != null) {
            query.setParameter("state", state);
        }
        return query;
    }
}
