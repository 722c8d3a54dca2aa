package eu.wua.audit.verify;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Verifies, with the audit certificate's key alone, the two proofs a compliance officer can hand
 * over instead of a whole export (RFC 9162 §2.1.3, §2.1.4):
 * <ul>
 * <li>{@code {"proof": "inclusion", "record": {...}, "leaf_index", "tree_size", "inclusion_path": [hex...],
 * "tree_head": JWS}}: this record, unaltered, is leaf {@code leaf_index} of the log the tree head signed;</li>
 * <li>{@code {"proof": "consistency", "first": JWS, "second": JWS, "consistency_path": [hex...]}}: the log of the
 * second tree head is the log of the first with records appended, nothing changed or taken away.</li>
 * </ul>
 */
public final class AuditProofVerifier {

    /** Whether the proof holds, and in words what it proves or why not. */
    public record Result(boolean ok, String summary) {
        @Override
        public String toString() {
            return (ok ? "OK: " : "NOT PROVEN: ") + summary;
        }
    }

    private AuditProofVerifier() {
    }

    public static Result verify(String document, PublicKey auditKey) {
        Map<String, Object> proof;
        try {
            proof = JsonUtil.parseJson(document);
        } catch (JoseException e) {
            return new Result(false, "the proof is not JSON");
        }
        try {
            return switch (String.valueOf(proof.get("proof"))) {
                case "inclusion" -> inclusion(proof, auditKey);
                case "consistency" -> consistency(proof, auditKey);
                default -> new Result(false, "\"proof\" must be \"inclusion\" or \"consistency\", not " + proof.get("proof"));
            };
        } catch (TreeHeads.Invalid e) {
            return new Result(false, "a tree head does not verify with the audit certificate: " + e.getMessage());
        } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
            return new Result(false, "the proof is incomplete or malformed (" + e.getMessage() + ")");
        }
    }

    private static Result inclusion(Map<String, Object> proof, PublicKey auditKey) throws TreeHeads.Invalid {
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) proof.get("record");
        TreeHeads.Signed head = TreeHeads.verified((String) proof.get("tree_head"), auditKey);
        long index = ((Number) proof.get("leaf_index")).longValue();
        long size = ((Number) proof.get("tree_size")).longValue();
        if (size != head.treeSize()) {
            return new Result(false, "the proof is for a tree of " + size + " records, the signed tree head for " + head.treeSize());
        }
        if (!(record.get("seq") instanceof Number seq) || seq.longValue() != index + 1) {
            return new Result(false, "the record's seq is not leaf " + index + " + 1");
        }
        String leafHash = AuditRecordFormat.leafHash(record);
        if (record.containsKey("hash") && !leafHash.equals(record.get("hash"))) {
            return new Result(false, "record " + seq + " does not match its hash: it was altered");
        }
        if (!MerkleTree.verifyInclusion(index, size, HexFormat.of().parseHex(leafHash), hashes(proof.get("inclusion_path")), head.rootHash())) {
            return new Result(false, "record " + seq + " is not in the log of the signed tree head of " + size + " records");
        }
        return new Result(true, "record " + seq + " (" + record.get("type") + " at " + record.get("time") + ") is, unaltered, in the log of "
                + size + " records the audit key signed");
    }

    private static Result consistency(Map<String, Object> proof, PublicKey auditKey) throws TreeHeads.Invalid {
        TreeHeads.Signed first = TreeHeads.verified((String) proof.get("first"), auditKey);
        TreeHeads.Signed second = TreeHeads.verified((String) proof.get("second"), auditKey);
        if (!MerkleTree.verifyConsistency(first.treeSize(), second.treeSize(), first.rootHash(), second.rootHash(),
                hashes(proof.get("consistency_path")))) {
            return new Result(false, "the log of " + second.treeSize() + " records is not the log of " + first.treeSize()
                    + " records with records appended");
        }
        return new Result(true, "the log of " + second.treeSize() + " records holds the log of " + first.treeSize()
                + " records unchanged, with records appended only");
    }

    private static List<byte[]> hashes(Object list) {
        List<byte[]> hashes = new ArrayList<>();
        for (Object hash : (List<?>) list) {
            hashes.add(HexFormat.of().parseHex((String) hash));
        }
        return hashes;
    }
}
