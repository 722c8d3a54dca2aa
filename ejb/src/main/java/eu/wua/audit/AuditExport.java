package eu.wua.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.wscd.WscdException;

/**
 * Exports a time range of the trail as JSON Lines: each record with its hash, in chain order, then
 * the checkpoints that fall in the range and a new one signed over the last record, so that the
 * file verifies offline ({@code ./run audit-verify}). The export is itself an audit event.
 */
@Stateless
public class AuditExport {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private AuditCheckpoints checkpoints;

    @Inject
    private AuditTrail audit;

    public List<String> export(Instant from, Instant to, String actor) throws WscdException {
        List<AuditEvent> events = em.createQuery("SELECT e FROM AuditEvent e WHERE e.occurredAt >= :from AND e.occurredAt <= :to"
                + " ORDER BY e.seq", AuditEvent.class).setParameter("from", from).setParameter("to", to).getResultList();
        List<String> lines = new ArrayList<>();
        for (AuditEvent event : events) {
            Map<String, Object> record = AuditTrail.record(event);
            // the stored hash, not a recomputed one: an altered row must show as altered
            Map<String, Object> withHash = new java.util.LinkedHashMap<>(record);
            withHash.put("hash", event.getEventHash());
            lines.add(eu.wua.audit.verify.CanonicalJson.of(withHash));
        }
        if (!events.isEmpty()) {
            long first = events.get(0).getSeq();
            AuditEvent last = events.get(events.size() - 1);
            for (AuditCheckpoint checkpoint : em.createQuery("SELECT c FROM AuditCheckpoint c WHERE c.seq >= :first AND c.seq <= :last"
                    + " ORDER BY c.seq", AuditCheckpoint.class).setParameter("first", first).setParameter("last", last.getSeq()).getResultList()) {
                lines.add(checkpointLine(checkpoint));
            }
            lines.add(checkpointLine(checkpoints.sign(last.getSeq(), last.getEventHash(), "export")));
        }
        audit.record(actor, "audit.exported", null, Map.of("from", from.toString(), "to", to.toString(),
                "records", String.valueOf(events.size())));
        return lines;
    }

    private static String checkpointLine(AuditCheckpoint checkpoint) {
        return Json.createObjectBuilder().add("checkpoint", checkpoint.getSignature()).build().toString();
    }
}
