package eu.wua.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.verify.AuditExportVerifier;
import eu.wua.audit.verify.AuditRecordFormat;
import eu.wua.audit.verify.MerkleTree;
import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.wscd.WscdException;

/**
 * Exports a time range of the log as JSON Lines ({@link AuditRecordFormat#EXPORT_FORMAT}): every
 * record from the first to the last one sealed in the range, in seq order (one contiguous piece of
 * the log, so a record written in the range but sealed after a later one is not left out), the tree
 * nodes around that piece, and a tree head signed for the export, so that the file verifies offline
 * ({@code ./run audit-verify}). Everything committed before the export is sealed first. The export
 * is itself an audit event.
 */
@Stateless
public class AuditExport {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private AuditSealer sealer;

    @Inject
    private AuditLog log;

    @Inject
    private SignedTreeHeads treeHeads;

    @Inject
    private AuditTrail audit;

    @Inject
    private PlatformKeys platformKeys;

    public List<String> export(Instant from, Instant to, String actor) throws WscdException {
        List<String> lines = lines(from, to, "export");
        audit.record(actor, "audit.exported", null, Map.of("from", from.toString(), "to", to.toString(),
                "lines", String.valueOf(lines.size())));
        return lines;
    }

    /** The same check as {@code ./run audit-verify}, run here over the range; the result is recorded. */
    public AuditExportVerifier.Result verify(Instant from, Instant to, String actor) throws WscdException {
        AuditExportVerifier.Result result = AuditExportVerifier.verify(lines(from, to, "verification"),
                platformKeys.certificateChain(PlatformKeyPurpose.AUDIT_CHECKPOINT).get(0).getPublicKey());
        audit.record(actor, "audit.verified", null, Map.of("from", from.toString(), "to", to.toString(), "result", result.toString()));
        return result;
    }

    private List<String> lines(Instant from, Instant to, String reason) throws WscdException {
        sealer.sealNow();
        List<String> lines = new ArrayList<>();
        lines.add(AuditRecordFormat.formatLine());
        Object[] range = em.createQuery("SELECT MIN(e.seq), MAX(e.seq) FROM AuditEvent e WHERE e.occurredAt >= :from AND e.occurredAt <= :to"
                + " AND e.seq IS NOT NULL", Object[].class).setParameter("from", from).setParameter("to", to).getSingleResult();
        if (range[0] == null) {
            return lines;
        }
        long first = ((Number) range[0]).longValue();
        long last = ((Number) range[1]).longValue();
        for (AuditEvent event : em.createQuery("SELECT e FROM AuditEvent e WHERE e.seq >= :first AND e.seq <= :last ORDER BY e.seq",
                AuditEvent.class).setParameter("first", first).setParameter("last", last).getResultList()) {
            lines.add(AuditTrail.line(event));
        }
        AuditLogState state = log.state();
        MerkleTree.Nodes nodes = log.nodes();
        for (MerkleTree.Position position : MerkleTree.nodesAround(first - 1, last, state.getTreeSize())) {
            lines.add(AuditRecordFormat.nodeLine(position.level(), position.index(),
                    HexFormat.of().formatHex(nodes.perfect(position.level(), position.index()))));
        }
        lines.add(AuditRecordFormat.treeHeadLine(treeHeads.sign(state.getTreeSize(), state.getRootHash(), reason).getSignature()));
        return lines;
    }
}
