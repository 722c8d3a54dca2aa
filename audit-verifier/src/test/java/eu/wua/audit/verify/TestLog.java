package eu.wua.audit.verify;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.jws.JsonWebSignature;

/** A Merkle log of the test's own, as the platform writes it: records, their leaves, signed tree heads, exports and proofs. */
final class TestLog {

    final KeyPair auditKey;
    final List<Map<String, Object>> records = new ArrayList<>();
    final List<byte[]> leaves = new ArrayList<>();

    TestLog(int size) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        auditKey = generator.generateKeyPair();
        for (long seq = 1; seq <= size; seq++) {
            Map<String, Object> record = AuditRecordFormat.record(seq, Instant.parse("2026-12-05T10:00:00.123Z").plusSeconds(seq), "user:alice",
                    "wia.issued", "instance-" + seq, "SUCCESS", Map.of("wia_id", "w" + seq, "note", "a \"quoted\" é"));
            records.add(record);
            leaves.add(HexFormat.of().parseHex(AuditRecordFormat.leafHash(record)));
        }
    }

    MerkleTree.Nodes tree() {
        return MerkleTree.fromLeaves(0, leaves, Map.of());
    }

    String treeHead(long size) throws Exception {
        return treeHead(size, HexFormat.of().formatHex(MerkleTree.root(size, MerkleTree.fromLeaves(0, leaves.subList(0, (int) size), Map.of()))),
                auditKey, AuditRecordFormat.TREE_HEAD_TYPE);
    }

    static String treeHead(long size, String root, KeyPair key, String typ) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(AuditRecordFormat.treeHeadClaims(size, root, Instant.now())));
        jws.setAlgorithmHeaderValue("ES256");
        jws.setHeader("typ", typ);
        jws.setKey(key.getPrivate());
        return jws.getCompactSerialization();
    }

    /** The export of records {@code [firstSeq, lastSeq]} with the nodes around them and tree heads of the sizes given, in order. */
    List<String> export(long firstSeq, long lastSeq, long... treeSizes) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(AuditRecordFormat.formatLine());
        for (long seq = firstSeq; seq <= lastSeq; seq++) {
            Map<String, Object> record = records.get((int) seq - 1);
            lines.add(AuditRecordFormat.logLine(record, AuditRecordFormat.leafHash(record)));
        }
        long last = treeSizes[treeSizes.length - 1];
        for (MerkleTree.Position position : MerkleTree.nodesAround(firstSeq - 1, lastSeq, last)) {
            lines.add(AuditRecordFormat.nodeLine(position.level(), position.index(),
                    HexFormat.of().formatHex(tree().perfect(position.level(), position.index()))));
        }
        for (long size : treeSizes) {
            lines.add(AuditRecordFormat.treeHeadLine(treeHead(size)));
        }
        return lines;
    }

    static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }
}
