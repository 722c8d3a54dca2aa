package eu.wua.issuer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import eu.wua.status.StatusEntries;

/**
 * Finds issued credentials with their current status, for the console's credentials page (read
 * only). The credentials are the issuer's rows, their statuses the status lists' entries, read
 * through {@link StatusEntries} a page at a time. A search by status looks at the newest
 * {@value #STATUS_SEARCH_LIMIT} credentials matching the other criteria.
 */
@Stateless
public class CredentialDirectory {

    static final int STATUS_SEARCH_LIMIT = 20_000;
    private static final int SCAN_CHUNK = 500;

    /** A credential and its status in the issuer's list (valid, revoked, suspended). */
    public record Listed(IssuedCredential credential, short status) {
        public String statusName() {
            return StatusEntries.describe(status);
        }
    }

    /** Search criteria; {@code null} matches everything. */
    public record Criteria(Short status, String configurationId, Instant issuedFrom, Instant issuedTo) {
    }

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private StatusEntries statusEntries;

    /** A page of credentials, newest first. */
    public List<Listed> search(Criteria criteria, int first, int max) {
        if (criteria.status() == null) {
            return withStatuses(credentials(criteria, first, max));
        }
        return withStatus(criteria).stream().skip(first).limit(max).toList();
    }

    public long count(Criteria criteria) {
        if (criteria.status() == null) {
            return query("SELECT COUNT(c)", criteria, "", Long.class).getSingleResult();
        }
        return withStatus(criteria).size();
    }

    /** The newest credentials (up to the search limit) whose status is the one asked for. */
    private List<Listed> withStatus(Criteria criteria) {
        List<Listed> matching = new ArrayList<>();
        for (int scanned = 0; scanned < STATUS_SEARCH_LIMIT; scanned += SCAN_CHUNK) {
            List<IssuedCredential> chunk = credentials(criteria, scanned, SCAN_CHUNK);
            withStatuses(chunk).stream().filter(listed -> listed.status() == criteria.status()).forEach(matching::add);
            if (chunk.size() < SCAN_CHUNK) {
                break;
            }
        }
        return matching;
    }

    private List<IssuedCredential> credentials(Criteria criteria, int first, int max) {
        return query("SELECT c", criteria, " ORDER BY c.issuedAt DESC, c.id", IssuedCredential.class).setFirstResult(first).setMaxResults(max)
                .getResultList();
    }

    private List<Listed> withStatuses(List<IssuedCredential> credentials) {
        Map<String, Map<Integer, Short>> statuses = credentials.stream().collect(Collectors.groupingBy(IssuedCredential::getStatusListId,
                Collectors.mapping(IssuedCredential::getStatusIndex, Collectors.toSet()))).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, list -> statusEntries.statuses(list.getKey(), list.getValue())));
        return credentials.stream().filter(c -> statuses.get(c.getStatusListId()).containsKey(c.getStatusIndex()))
                .map(c -> new Listed(c, statuses.get(c.getStatusListId()).get(c.getStatusIndex()))).toList();
    }

    private <T> TypedQuery<T> query(String select, Criteria criteria, String order, Class<T> type) {
        StringBuilder jpql = new StringBuilder(select).append(" FROM IssuedCredential c WHERE 1 = 1");
        if (criteria.configurationId() != null) {
            jpql.append(" AND c.credentialConfigurationId = :configuration");
        }
        if (criteria.issuedFrom() != null) {
            jpql.append(" AND c.issuedAt >= :from");
        }
        if (criteria.issuedTo() != null) {
            jpql.append(" AND c.issuedAt < :to");
        }
        TypedQuery<T> query = em.createQuery(jpql.append(order).toString(), type);
        if (criteria.configurationId() != null) {
            query.setParameter("configuration", criteria.configurationId());
        }
        if (criteria.issuedFrom() != null) {
            query.setParameter("from", criteria.issuedFrom());
        }
        if (criteria.issuedTo() != null) {
            query.setParameter("to", criteria.issuedTo());
        }
        return query;
    }
}
