package eu.wua.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.verify.AuditRecordFormat;
import eu.wua.audit.verify.MerkleTree;
import eu.wua.wscd.WscdException;

/**
 * Seals committed events into the Merkle log, one batch per transaction, holding the log state's
 * lock: only sealers take it, so sealing is one at a time across the nodes while writers never
 * wait. Each event gets the next seq and its leaf hash, the completed subtrees are stored, and the
 * new tree head is signed in the same transaction: a batch is sealed and signed whole or not at
 * all (a node that dies mid-batch leaves its events for the next sealer). An event that no longer
 * matches what its writer wrote (MAC) or its chain link is sealed as it is, and an
 * {@code audit.tampering_detected} event names it.
 */
@Stateless
public class AuditSealing {

    /** Events per transaction: a long backlog is sealed in steps, each short. */
    static final int BATCH = 2000;
    private static final Logger LOG = Logger.getLogger(AuditSealing.class.getName());

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private AuditLog log;

    @Inject
    private AuditMac mac;

    @Inject
    private SignedTreeHeads treeHeads;

    @Inject
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /** Seals up to {@link #BATCH} committed events; answers how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int sealBatch() throws WscdException {
        AuditLogState state = em.find(AuditLogState.class, AuditLogState.ID, LockModeType.PESSIMISTIC_WRITE);
        // links of the chain that came before the log go first, in their order (their old seq is past the tree: an index
        // range, empty once they are in); then events as they were written
        List<AuditEvent> batch = em.createQuery("SELECT e FROM AuditEvent e WHERE e.seq > :size ORDER BY e.seq", AuditEvent.class)
                .setParameter("size", state.getTreeSize()).setMaxResults(BATCH).getResultList();
        if (batch.isEmpty()) {
            batch = em.createQuery("SELECT e FROM AuditEvent e WHERE e.seq IS NULL ORDER BY e.id", AuditEvent.class).setMaxResults(BATCH)
                    .getResultList();
        }
        if (batch.isEmpty()) {
            return 0;
        }
        MerkleTree.Frontier frontier = MerkleTree.Frontier.of(state.getTreeSize(), log.nodes());
        String previousChainHash = batch.get(0).isUnsealedChainLink() ? previousChainHash(batch.get(0)) : null;
        List<Map<String, String>> alterations = new ArrayList<>();
        for (AuditEvent event : batch) {
            long seq = frontier.size() + 1;
            Map<String, Object> details = AuditTrail.details(event);
            if (event.isUnsealedChainLink()) {
                String found = chainBreak(event, previousChainHash, seq);
                if (found != null) {
                    alterations.add(alteration(event, seq, found));
                }
                previousChainHash = event.getEventHash();
            } else if (!mac.matches(event, details)) {
                alterations.add(alteration(event, seq, "the event differs from what its writer wrote (MAC): altered before it was sealed"));
            }
            String leaf = AuditRecordFormat.leafHash(AuditTrail.record(event, seq, details));
            event.seal(seq, leaf);
            for (MerkleTree.Node completed : frontier.append(HexFormat.of().parseHex(leaf))) {
                em.persist(new AuditTreeNode(completed.level(), completed.index(), HexFormat.of().formatHex(completed.hash())));
            }
        }
        String root = HexFormat.of().formatHex(frontier.root());
        state.advance(frontier.size(), root, clock.instant());
        treeHeads.sign(frontier.size(), root, "seal");
        for (Map<String, String> alteration : alterations) {
            LOG.severe("audit event " + alteration.get("event_id") + " (seq " + alteration.get("seq") + "): " + alteration.get("finding"));
            audit.record("audit-sealer", "audit.tampering_detected", alteration.get("seq"), alteration);
        }
        return batch.size();
    }

    private String previousChainHash(AuditEvent first) {
        return em.createQuery("SELECT e.eventHash FROM AuditEvent e WHERE e.seq = :seq", String.class).setParameter("seq", first.getSeq() - 1)
                .getResultStream().findFirst().orElse(AuditRecordFormat.GENESIS);
    }

    /** A chain link checked as the chain's verifier did: its hash, and its place after the previous link. */
    private static String chainBreak(AuditEvent event, String previousChainHash, long seq) {
        if (!AuditRecordFormat.hash(AuditTrail.record(event, event.getSeq())).equals(event.getEventHash())) {
            return "the chain link's content does not match its hash: altered";
        }
        if (!event.getPreviousHash().equals(previousChainHash)) {
            return "the chain link does not follow the one before it: a link is missing or was moved";
        }
        if (event.getSeq() != seq) {
            return "the chain link had seq " + event.getSeq() + " and is leaf " + seq + " of the log: links are missing";
        }
        return null;
    }

    private static Map<String, String> alteration(AuditEvent event, long seq, String finding) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("event_id", String.valueOf(event.getId()));
        details.put("seq", String.valueOf(seq));
        details.put("finding", finding);
        return details;
    }
}
