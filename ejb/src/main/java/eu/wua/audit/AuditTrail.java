package eu.wua.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Where every capability records its security-relevant events. A change and its event are written
 * in the same transaction ({@link #record}); a rejected request, whose own transaction rolls back,
 * is recorded in a transaction of its own ({@link #recordRejection}). Details never hold secrets or
 * PID attribute values. (The hash chain and signed checkpoints come with the audit issue.)
 */
@Stateless
public class AuditTrail {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    /** Joins the caller's transaction: if the event cannot be written, the change does not happen. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(String actor, String type, String subject, Map<String, String> details) {
        em.persist(new AuditEvent(Instant.now(), actor, type, subject, AuditEvent.Outcome.SUCCESS, json(details)));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRejection(String actor, String type, String subject, Map<String, String> details) {
        em.persist(new AuditEvent(Instant.now(), actor, type, subject, AuditEvent.Outcome.REJECTED, json(details)));
    }

    /** The events about {@code subject}, oldest first. */
    public List<AuditEvent> eventsAbout(String subject) {
        return em.createQuery("SELECT e FROM AuditEvent e WHERE e.subject = :subject ORDER BY e.id", AuditEvent.class)
                .setParameter("subject", subject).getResultList();
    }

    private static String json(Map<String, String> details) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        details.forEach((key, value) -> object.add(key, value == null ? "" : value));
        return object.build().toString();
    }
}
