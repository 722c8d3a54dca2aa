package eu.wua.issuer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import eu.wua.status.RevocableCredentials;
import eu.wua.status.StatusReference;

/**
 * The issuer's answer to a revocation cascade: its credentials issued on a Wallet Provider's
 * attestations, or resting on given WIA or KA status entries (matched on the references each
 * credential recorded when it was issued). Ids, own list and index only: no entity is loaded.
 */
@Stateless
public class CascadedCredentials implements RevocableCredentials {

    private static final String ENTRIES = "SELECT c.id, c.statusListId, c.statusIndex FROM IssuedCredential c";

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Override
    public long countIssuedOn(String walletProviderId) {
        return em.createQuery("SELECT COUNT(c) FROM IssuedCredential c WHERE c.walletProviderId = :provider", Long.class)
                .setParameter("provider", walletProviderId).getSingleResult();
    }

    @Override
    public List<Entry> issuedOn(String walletProviderId, String afterId, int max) {
        return entries(em.createQuery(ENTRIES + " WHERE c.walletProviderId = :provider AND c.id > :cursor ORDER BY c.id", Object[].class)
                .setParameter("provider", walletProviderId).setParameter("cursor", afterId).setMaxResults(max));
    }

    @Override
    public long countRestingOn(Collection<StatusReference> causes) {
        if (causes.isEmpty()) {
            return 0;
        }
        return restingOn("SELECT COUNT(c) FROM IssuedCredential c WHERE ", causes, "", Long.class).getSingleResult();
    }

    @Override
    public List<Entry> restingOn(Collection<StatusReference> causes, String afterId, int max) {
        if (causes.isEmpty()) {
            return List.of();
        }
        return entries(restingOn(ENTRIES + " WHERE c.id > :cursor AND ", causes, " ORDER BY c.id", Object[].class)
                .setParameter("cursor", afterId).setMaxResults(max));
    }

    /** One term per status list named: the credential's KA or WIA entry is in that list at one of the indexes. */
    private <T> TypedQuery<T> restingOn(String select, Collection<StatusReference> causes, String order, Class<T> type) {
        Map<String, List<Integer>> byList = causes.stream().collect(Collectors.groupingBy(StatusReference::uri,
                Collectors.mapping(StatusReference::index, Collectors.toList())));
        List<String> lists = List.copyOf(byList.keySet());
        StringBuilder where = new StringBuilder("(");
        for (int i = 0; i < lists.size(); i++) {
            where.append(i == 0 ? "" : " OR ").append("(c.kaStatus.uri = :uri").append(i).append(" AND c.kaStatus.index IN :indexes").append(i)
                    .append(") OR (c.wiaStatus.uri = :uri").append(i).append(" AND c.wiaStatus.index IN :indexes").append(i).append(')');
        }
        TypedQuery<T> query = em.createQuery(select + where.append(')') + order, type);
        for (int i = 0; i < lists.size(); i++) {
            query.setParameter("uri" + i, lists.get(i)).setParameter("indexes" + i, byList.get(lists.get(i)));
        }
        return query;
    }

    private static List<Entry> entries(TypedQuery<Object[]> query) {
        return query.getResultStream().map(row -> new Entry((String) row[0], (String) row[1], (Integer) row[2])).toList();
    }
}
