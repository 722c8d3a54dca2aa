package eu.wua.audit;

import static eu.wua.platform.JsonFactory.JSON;

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

    @Inject
    private eu.wua.platform.PlatformKeys platformKeys;

    public List<String> export(Instant from, Instant to, String actor) throws WscdException {
        List<String> lines = lines(from, to, "export");
        audit.record(actor, "audit.exported", null, Map.of("from", from.toString(), "to", to.toString(),
                "lines", String.valueOf(lines.size())));
        return lines;
    }

    /** The same check as {@code ./run audit-verify}, run here over the range; the result is recorded. */
    public eu.wua.audit.verify.AuditExportVerifier.Result verify(Instant from, Instant to, String actor) throws WscdException {
        eu.wua.audit.verify.AuditExportVerifier.Result result = eu.wua.audit.verify.AuditExportVerifier.verify(lines(from, to, "verification"),
                platformKeys.certificateChain(eu.wua.platform.PlatformKeyPurpose.AUDIT_CHECKPOINT).get(0).getPublicKey());
        audit.record(actor, "audit.verified", null, Map.of("from", from.toString(), "to", to.toString(), "result", result.toString()));
        return result;
    }

    private List<String> lines(Instant from, Instant to, String reason) throws WscdException {
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
            lines.add(checkpointLine(checkpoints.sign(last.getSeq(), last.getEventHash(), reason)));
        }
        return lines;
    }

    private static String checkpointLine(AuditCheckpoint checkpoint) {
        return JSON.createObjectBuilder().add("checkpoint", checkpoint.getSignature()).build().toString();
    }
}
