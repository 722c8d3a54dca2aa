package eu.wua.audit.verify;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import eu.wua.audit.verify.AuditExportVerifier.Result;

/**
 * An export of the Merkle log ({@link AuditRecordFormat#EXPORT_FORMAT}): consecutive records, each
 * matching its leaf hash; the signed tree heads verified with the audit key; the root of every tree
 * head the export can compute (the records and the nodes around them) equal to the signed one. The
 * export's last tree head must cover its last record and be computable: that proves every record
 * is in the log the audit key signed, unaltered, in its place.
 */
final class LogExportVerifier {

    private LogExportVerifier() {
    }

    static Result verify(List<String> lines, PublicKey auditKey) {
        List<byte[]> leaves = new ArrayList<>();
        Map<MerkleTree.Position, byte[]> nodes = new HashMap<>();
        List<String> treeHeads = new ArrayList<>();
        Long firstSeq = null;
        Long previousSeq = null;
        boolean formatSeen = false;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            Map<String, Object> entry;
            try {
                entry = JsonUtil.parseJson(line);
            } catch (JoseException e) {
                return Result.broken(next(previousSeq), "line " + (n + 1) + " is not JSON", leaves.size(), 0);
            }
            if (!formatSeen) {
                if (!AuditRecordFormat.EXPORT_FORMAT.equals(entry.get("format"))) {
                    return Result.broken(null, "the export's format is " + entry.get("format") + ", not " + AuditRecordFormat.EXPORT_FORMAT,
                            0, 0);
                }
                formatSeen = true;
                continue;
            }
            if (entry.get("tree_head") instanceof String jws) {
                treeHeads.add(jws);
                continue;
            }
            if (entry.get("node") instanceof Map<?, ?> node) {
                if (!(node.get("level") instanceof Number level) || !(node.get("index") instanceof Number index)
                        || !(node.get("hash") instanceof String hash) || !hash.matches("[0-9a-f]{64}")) {
                    return Result.broken(null, "line " + (n + 1) + " is not a tree node", leaves.size(), 0);
                }
                nodes.put(new MerkleTree.Position(level.intValue(), index.longValue()), HexFormat.of().parseHex(hash));
                continue;
            }
            if (!(entry.get("seq") instanceof Number number) || !(entry.get("hash") instanceof String hash) || !hash.matches("[0-9a-f]{64}")) {
                return Result.broken(next(previousSeq), "line " + (n + 1) + " is not an audit record", leaves.size(), 0);
            }
            long seq = number.longValue();
            if (previousSeq != null && seq != previousSeq + 1) {
                return Result.broken(previousSeq + 1, "record " + (previousSeq + 1) + " is missing or out of order (the next is " + seq + ")",
                        leaves.size(), 0);
            }
            if (seq < 1) {
                return Result.broken(seq, "a record's seq starts at 1", leaves.size(), 0);
            }
            if (!hash.equals(AuditRecordFormat.leafHash(entry))) {
                return Result.broken(seq, "the record's content does not match its hash: it was altered", leaves.size(), 0);
            }
            leaves.add(HexFormat.of().parseHex(hash));
            firstSeq = firstSeq == null ? seq : firstSeq;
            previousSeq = seq;
        }
        if (leaves.isEmpty()) {
            return new Result(true, null, null, 0, 0);
        }
        if (treeHeads.isEmpty()) {
            return Result.broken(previousSeq, "no signed tree head covers the records", leaves.size(), 0);
        }
        MerkleTree.Nodes tree = MerkleTree.fromLeaves(firstSeq - 1, leaves, nodes);
        int verified = 0;
        for (int i = 0; i < treeHeads.size(); i++) {
            boolean last = i == treeHeads.size() - 1;
            TreeHeads.Signed head;
            try {
                head = TreeHeads.verified(treeHeads.get(i), auditKey);
            } catch (TreeHeads.Invalid e) {
                return Result.broken(null, "a signed tree head does not verify with the audit certificate: " + e.getMessage(), leaves.size(),
                        verified);
            }
            if (last && head.treeSize() < previousSeq) {
                return Result.broken(previousSeq, "the last signed tree head (" + head.treeSize() + " records) does not cover the last record",
                        leaves.size(), verified);
            }
            byte[] root;
            try {
                root = MerkleTree.root(head.treeSize(), tree);
            } catch (MerkleTree.MissingNode e) {
                if (last) {
                    return Result.broken(null, "the export lacks what its last tree head needs: " + e.getMessage(), leaves.size(), verified);
                }
                continue;
            }
            if (!java.util.Arrays.equals(root, head.rootHash())) {
                return Result.broken(null, "the records do not add up to the signed tree head of " + head.treeSize()
                        + " records: the log was rewritten", leaves.size(), verified);
            }
            verified++;
        }
        return new Result(true, null, null, leaves.size(), verified);
    }

    private static Long next(Long previousSeq) {
        return previousSeq == null ? null : previousSeq + 1;
    }
}
