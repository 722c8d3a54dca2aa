package eu.wua.audit.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One record's inclusion and two tree heads' consistency, proved with the audit key alone, and refused when anything was changed. */
class AuditProofVerifierTest {

    private TestLog log;

    @BeforeEach
    void aLogOfTwentyRecords() throws Exception {
        log = new TestLog(20);
    }

    private String inclusion(long seq, long size, Map<String, Object> record) throws Exception {
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("proof", "inclusion");
        Map<String, Object> withHash = new LinkedHashMap<>(record);
        withHash.put("hash", AuditRecordFormat.leafHash(log.records.get((int) seq - 1)));
        proof.put("record", withHash);
        proof.put("leaf_index", seq - 1);
        proof.put("tree_size", size);
        proof.put("inclusion_path", TestLog.hex(MerkleTree.inclusionPath(seq - 1, size, log.tree())));
        proof.put("tree_head", log.treeHead(size));
        return JsonUtil.toJson(proof);
    }

    private String consistency(long first, long second) throws Exception {
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("proof", "consistency");
        proof.put("first", log.treeHead(first));
        proof.put("second", log.treeHead(second));
        proof.put("consistency_path", TestLog.hex(MerkleTree.consistencyPath(first, second, log.tree())));
        return JsonUtil.toJson(proof);
    }

    private AuditProofVerifier.Result verify(String proof) {
        return AuditProofVerifier.verify(proof, log.auditKey.getPublic());
    }

    @Test
    void aRecordsInclusionInASignedTreeHeadIsProved() throws Exception {
        AuditProofVerifier.Result result = verify(inclusion(7, 20, log.records.get(6)));
        assertTrue(result.ok(), result.toString());
        assertTrue(result.summary().contains("record 7"), result.toString());
    }

    @Test
    void anAlteredRecordIsNotProved() throws Exception {
        Map<String, Object> altered = new LinkedHashMap<>(log.records.get(6));
        altered.put("actor", "user:mallory");
        assertFalse(verify(inclusion(7, 20, altered)).ok());
        Map<String, Object> rehashed = new LinkedHashMap<>(JsonUtil.parseJson(inclusion(7, 20, altered)));
        @SuppressWarnings("unchecked")
        Map<String, Object> record = new LinkedHashMap<>((Map<String, Object>) rehashed.get("record"));
        record.put("hash", AuditRecordFormat.leafHash(record));
        rehashed.put("record", record);
        assertFalse(verify(JsonUtil.toJson(rehashed)).ok(), "a recomputed hash is not in the signed tree");
    }

    @Test
    void aProofForAnotherTreeSizeThanItsTreeHeadIsRefused() throws Exception {
        Map<String, Object> proof = new LinkedHashMap<>(JsonUtil.parseJson(inclusion(7, 20, log.records.get(6))));
        proof.put("tree_head", log.treeHead(19));
        assertFalse(verify(JsonUtil.toJson(proof)).ok());
    }

    @Test
    void twoSignedTreeHeadsAreProvedConsistent() throws Exception {
        AuditProofVerifier.Result result = verify(consistency(13, 20));
        assertTrue(result.ok(), result.toString());
        assertTrue(verify(consistency(8, 20)).ok(), "from a power of two");
        assertTrue(verify(consistency(20, 20)).ok(), "the same tree");
    }

    @Test
    void aLogRewrittenBehindItsFirstTreeHeadIsNotConsistent() throws Exception {
        String first = log.treeHead(13);
        log.records.set(3, AuditRecordFormat.record(4, java.time.Instant.EPOCH, "user:mallory", "wia.issued", "x", "SUCCESS", Map.of()));
        log.leaves.set(3, java.util.HexFormat.of().parseHex(AuditRecordFormat.leafHash(log.records.get(3))));
        Map<String, Object> proof = new LinkedHashMap<>(JsonUtil.parseJson(consistency(13, 20)));
        proof.put("first", first);
        assertFalse(verify(JsonUtil.toJson(proof)).ok());
    }

    @Test
    void aTreeHeadOfAnotherKeyOrAMalformedProofIsRefusedInWords() throws Exception {
        assertFalse(verify("not json").ok());
        assertFalse(verify("{\"proof\": \"inclusion\"}").ok());
        assertFalse(verify("{\"proof\": \"other\"}").ok());
        TestLog other = new TestLog(20);
        Map<String, Object> proof = new LinkedHashMap<>(JsonUtil.parseJson(consistency(13, 20)));
        proof.put("second", other.treeHead(20));
        AuditProofVerifier.Result result = verify(JsonUtil.toJson(proof));
        assertFalse(result.ok());
        assertTrue(result.summary().contains("audit certificate"), result.toString());
    }
}
