package eu.wua.audit;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import eu.wua.audit.verify.AuditRecordFormat;

/**
 * Where every capability records its security-relevant events. A change and its event are written
 * in the same transaction ({@link #record}); a rejected request, whose own transaction rolls back,
 * is recorded in a transaction of its own ({@link #recordRejection}). An event is one insert with
 * its MAC ({@link AuditMac}) and locks nothing that another writer needs: the {@link AuditSealing}
 * makes it a leaf of the Merkle log after it commits. Details never hold secrets or PID attribute
 * values.
 */
@Stateless
public class AuditTrail {

    /** A details value longer than this is cut: the event must fit its row, or the change it records would fail. */
    static final int MAX_DETAIL_LENGTH = 600;

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditMac mac;

    /** Joins the caller's transaction: if the event cannot be written, the change does not happen. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(String actor, String type, String subject, Map<String, String> details) {
        append(actor, type, subject, AuditEvent.Outcome.SUCCESS, details);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRejection(String actor, String type, String subject, Map<String, String> details) {
        append(actor, type, subject, AuditEvent.Outcome.REJECTED, details);
    }

    private void append(String actor, String type, String subject, AuditEvent.Outcome outcome, Map<String, String> details) {
        Instant now = AuditRecordFormat.normalize(clock.instant());
        Map<String, Object> bounded = new LinkedHashMap<>();
        details.forEach((key, value) -> bounded.put(key, value == null ? "" : value.length() > MAX_DETAIL_LENGTH
                ? value.substring(0, MAX_DETAIL_LENGTH) + "..." : value));
        em.persist(new AuditEvent(now, actor, type, subject, outcome, json(bounded), mac.of(now, actor, type, subject, outcome.name(), bounded)));
    }

    /** The events about {@code subject}, oldest first. */
    public List<AuditEvent> eventsAbout(String subject) {
        return em.createQuery("SELECT e FROM AuditEvent e WHERE e.subject = :subject ORDER BY e.id", AuditEvent.class)
                .setParameter("subject", subject).getResultList();
    }

    /** Events in a time range, filtered, in the order they were written; {@code null} filters match everything. */
    public List<AuditEvent> search(Instant from, Instant to, String type, String actor, String outcome, int first, int max) {
        StringBuilder jpql = new StringBuilder("SELECT e FROM AuditEvent e WHERE e.occurredAt >= :from AND e.occurredAt <= :to");
        if (type != null) {
            jpql.append(" AND e.type = :type");
        }
        if (actor != null) {
            jpql.append(" AND e.actor = :actor");
        }
        if (outcome != null) {
            jpql.append(" AND e.outcome = :outcome");
        }
        TypedQuery<AuditEvent> query = em.createQuery(jpql.append(" ORDER BY e.id").toString(), AuditEvent.class)
                .setParameter("from", from).setParameter("to", to);
        if (type != null) {
            query.setParameter("type", type);
        }
        if (actor != null) {
            query.setParameter("actor", actor);
        }
        if (outcome != null) {
            query.setParameter("outcome", AuditEvent.Outcome.valueOf(outcome));
        }
        return query.setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** {@link #search} for a person reading the trail (the console): the read is itself recorded. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<AuditEvent> read(String reader, Instant from, Instant to, String type, String actor, String outcome, int first, int max) {
        List<AuditEvent> events = search(from, to, type, actor, outcome, first, max);
        record(reader, "audit.read", null, Map.of("from", from.toString(), "to", to.toString(),
                "filter", "type=" + type + " actor=" + actor + " outcome=" + outcome, "results", String.valueOf(events.size())));
        return events;
    }

    /** The record a sealed event stands for, as its leaf hashes it. */
    public static Map<String, Object> record(AuditEvent event) {
        return record(event, event.getSeq());
    }

    /** The export line of a sealed event: its record with the leaf hash as stored (an altered row must show as altered). */
    static String line(AuditEvent event) {
        return AuditRecordFormat.logLine(record(event), event.getLeafHash());
    }

    static Map<String, Object> record(AuditEvent event, long seq) {
        return record(event, seq, details(event));
    }

    /** The record of {@code event} at {@code seq}: with its previous_hash if it was a link of the chain that came before the log. */
    static Map<String, Object> record(AuditEvent event, long seq, Map<String, Object> details) {
        return event.getPreviousHash() == null
                ? AuditRecordFormat.record(seq, event.getOccurredAt(), event.getActor(), event.getType(), event.getSubject(),
                        event.getOutcome().name(), details)
                : AuditRecordFormat.record(seq, event.getOccurredAt(), event.getActor(), event.getType(), event.getSubject(),
                        event.getOutcome().name(), details, event.getPreviousHash());
    }

    static Map<String, Object> details(AuditEvent event) {
        Map<String, Object> details = new LinkedHashMap<>();
        JSON.createReader(new StringReader(event.getDetails())).readObject()
                .forEach((key, value) -> details.put(key, value instanceof JsonString text ? text.getString() : value.toString()));
        return details;
    }

    private static String json(Map<String, Object> details) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        details.forEach((key, value) -> object.add(key, (String) value));
        return object.build().toString();
    }
}
