package eu.wua.status;

import java.time.Instant;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import eu.wua.issuer.IssuedCredential;

/** Finds issued credentials with their current status, for the console's credentials page (read only). */
@Stateless
public class CredentialDirectory {

    /** A credential and its status in the issuer's list (valid, revoked, suspended). */
    public record Listed(IssuedCredential credential, short status) {
        public String statusName() {
            return CredentialRevocation.describe(status);
        }
    }

    /** Search criteria; {@code null} matches everything. */
    public record Criteria(Short status, String configurationId, Instant issuedFrom, Instant issuedTo) {
    }

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    /** A page of credentials, newest first. */
    public List<Listed> search(Criteria criteria, int first, int max) {
        return query("SELECT c, e.status", criteria, " ORDER BY c.issuedAt DESC", Object[].class).setFirstResult(first).setMaxResults(max)
                .getResultStream().map(row -> new Listed((IssuedCredential) row[0], ((Number) row[1]).shortValue())).toList();
    }

    public long count(Criteria criteria) {
        return query("SELECT COUNT(c)", criteria, "", Long.class).getSingleResult();
    }

    private <T> TypedQuery<T> query(String select, Criteria criteria, String order, Class<T> type) {
        StringBuilder jpql = new StringBuilder(select).append(" FROM IssuedCredential c, StatusListEntry e")
                .append(" WHERE e.position.listId = c.statusListId AND e.position.index = c.statusIndex");
        if (criteria.status() != null) {
            jpql.append(" AND e.status = :status");
        }
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
        if (criteria.status() != null) {
            query.setParameter("status", criteria.status());
        }
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
