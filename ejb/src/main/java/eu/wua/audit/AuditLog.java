package eu.wua.audit;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.StringReader;
import java.util.HexFormat;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.verify.MerkleTree;

/**
 * The sealed audit log as its tables hold it: the leaves (audit_event.leaf_hash by seq) and the
 * perfect subtrees above them (audit_tree_node), read as {@link MerkleTree.Nodes}, and the proofs a
 * compliance officer hands over instead of an export (verified by {@code audit-verify --proof}).
 */
@Stateless
public class AuditLog {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private SignedTreeHeads treeHeads;

    @Inject
    private AuditSealer sealer;

    /** A proof that cannot be given, in words. */
    @jakarta.ejb.ApplicationException
    public static final class Unprovable extends Exception {
        private static final long serialVersionUID = 1L;

        Unprovable(String message) {
            super(message);
        }
    }

    /** The stored tree: leaves and perfect subtrees, each read when a root or a proof needs it. */
    public MerkleTree.Nodes nodes() {
        return (level, index) -> {
            String hash;
            if (level == 0) {
                hash = em.createQuery("SELECT e.leafHash FROM AuditEvent e WHERE e.seq = :seq", String.class).setParameter("seq", index + 1)
                        .getResultStream().findFirst().orElse(null);
            } else {
                AuditTreeNode node = em.find(AuditTreeNode.class, new AuditTreeNode.Position(level, index));
                hash = node == null ? null : node.getHash();
            }
            if (hash == null) {
                throw new MerkleTree.MissingNode(level, index);
            }
            return HexFormat.of().parseHex(hash);
        };
    }

    public AuditLogState state() {
        return em.find(AuditLogState.class, AuditLogState.ID);
    }

    /** Record {@code seq}, its path to the root of the newest signed tree head, and that head (sealing first if it is not sealed yet). */
    public JsonObject inclusionProof(long seq) throws Unprovable {
        if (seq < 1) {
            throw new Unprovable("seq starts at 1");
        }
        if (state().getTreeSize() < seq) {
            sealer.sealNow();
        }
        AuditCheckpoint head = treeHeads.latest().filter(latest -> latest.getSeq() >= seq)
                .orElseThrow(() -> new Unprovable("no record " + seq + " in the log yet"));
        AuditEvent event = em.createQuery("SELECT e FROM AuditEvent e WHERE e.seq = :seq", AuditEvent.class).setParameter("seq", seq)
                .getSingleResult();
        JsonObject record = JSON.createReader(new StringReader(AuditTrail.line(event))).readObject();
        return JSON.createObjectBuilder().add("proof", "inclusion").add("record", record).add("leaf_index", seq - 1)
                .add("tree_size", head.getSeq()).add("inclusion_path", hex(MerkleTree.inclusionPath(seq - 1, head.getSeq(), nodes())))
                .add("tree_head", head.getSignature()).build();
    }

    /** The proof that the log of the signed head of {@code second} records only grew from that of {@code first} records. */
    public JsonObject consistencyProof(long first, long second) throws Unprovable {
        if (first < 1 || first > second) {
            throw new Unprovable("a consistency proof goes from a log of at least one record to one at least as large");
        }
        AuditCheckpoint older = treeHeads.ofSize(first).orElseThrow(() -> new Unprovable("no signed tree head of " + first
                + " records: GET /admin/v1/audit/tree-heads lists them"));
        AuditCheckpoint newer = treeHeads.ofSize(second).orElseThrow(() -> new Unprovable("no signed tree head of " + second
                + " records: GET /admin/v1/audit/tree-heads lists them"));
        return JSON.createObjectBuilder().add("proof", "consistency").add("first", older.getSignature()).add("second", newer.getSignature())
                .add("consistency_path", hex(MerkleTree.consistencyPath(first, second, nodes()))).build();
    }

    private static JsonArrayBuilder hex(List<byte[]> hashes) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        hashes.forEach(hash -> array.add(HexFormat.of().formatHex(hash)));
        return array;
    }
}
