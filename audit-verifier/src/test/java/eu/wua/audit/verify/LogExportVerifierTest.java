package eu.wua.audit.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records 4 to 8 of a log of 12, exported with the nodes around them and the tree heads of 8 and 12 records. */
class LogExportVerifierTest {

    private TestLog log;
    private List<String> lines;

    @BeforeEach
    void anExportOfFiveRecords() throws Exception {
        log = new TestLog(12);
        lines = new ArrayList<>(log.export(4, 8, 8, 12));
    }

    private AuditExportVerifier.Result verify() {
        return AuditExportVerifier.verify(lines, log.auditKey.getPublic());
    }

    private int lineOf(long seq) {
        return (int) seq - 4 + 1;
    }

    private static String changed(String line, String member, Object value) throws Exception {
        Map<String, Object> entry = new LinkedHashMap<>(JsonUtil.parseJson(line));
        entry.put(member, value);
        return CanonicalJson.of(entry);
    }

    @Test
    void anIntactExportVerifiesBothTreeHeads() {
        AuditExportVerifier.Result result = verify();
        assertTrue(result.ok(), result.toString());
        assertEquals(5, result.records());
        assertEquals(2, result.checkpoints());
    }

    @Test
    void alteredDetailsAreNamedByTheirSequenceNumber() throws Exception {
        lines.set(lineOf(6), changed(lines.get(lineOf(6)), "details", Map.of("wia_id", "forged")));
        AuditExportVerifier.Result result = verify();
        assertFalse(result.ok());
        assertEquals(6L, result.brokenAt(), result.toString());
    }

    @Test
    void aRecordWhoseHashWasRecomputedNoLongerAddsUpToTheSignedRoot() throws Exception {
        Map<String, Object> forged = new LinkedHashMap<>(JsonUtil.parseJson(lines.get(lineOf(6))));
        forged.put("actor", "user:mallory");
        forged.put("hash", AuditRecordFormat.leafHash(forged));
        lines.set(lineOf(6), CanonicalJson.of(forged));
        AuditExportVerifier.Result result = verify();
        assertFalse(result.ok());
        assertNull(result.brokenAt());
        assertTrue(result.reason().contains("rewritten"), result.toString());
    }

    @Test
    void aDeletedRecordIsNamed() {
        lines.remove(lineOf(5));
        assertEquals(5L, verify().brokenAt(), verify().toString());
    }

    @Test
    void swappedRecordsAreFound() {
        Collections.swap(lines, lineOf(5), lineOf(6));
        assertEquals(5L, verify().brokenAt(), verify().toString());
    }

    @Test
    void aTreeHeadSignedByAnotherKeyOrOfAnotherTypeFails() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        lines.set(lines.size() - 1, AuditRecordFormat.treeHeadLine(TestLog.treeHead(12, "00".repeat(32), generator.generateKeyPair(),
                AuditRecordFormat.TREE_HEAD_TYPE)));
        assertTrue(verify().reason().contains("does not verify"), verify().toString());
        lines.set(lines.size() - 1, AuditRecordFormat.treeHeadLine(TestLog.treeHead(12, "00".repeat(32), log.auditKey,
                AuditRecordFormat.CHECKPOINT_TYPE)));
        assertTrue(verify().reason().contains("typ"), verify().toString());
    }

    @Test
    void withoutTheNodesAroundTheRangeTheLastTreeHeadCannotBeChecked() {
        lines.removeIf(line -> line.startsWith("{\"node\""));
        AuditExportVerifier.Result result = verify();
        assertFalse(result.ok());
        assertTrue(result.reason().contains("lacks"), result.toString());
    }

    @Test
    void aTreeHeadThatEndsBeforeTheLastRecordDoesNotCoverIt() throws Exception {
        lines = new ArrayList<>(log.export(4, 8, 7));
        AuditExportVerifier.Result result = verify();
        assertEquals(8L, result.brokenAt(), result.toString());
    }

    @Test
    void aForgedNodeIsCaughtByTheSignedRoot() throws Exception {
        int node = lines.indexOf(lines.stream().filter(line -> line.startsWith("{\"node\"")).findFirst().orElseThrow());
        Map<String, Object> entry = JsonUtil.parseJson(lines.get(node));
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = new LinkedHashMap<>((Map<String, Object>) entry.get("node"));
        inner.put("hash", "ab".repeat(32));
        lines.set(node, CanonicalJson.of(Map.of("node", inner)));
        assertTrue(verify().reason().contains("rewritten"), verify().toString());
    }

    @Test
    void anotherFormatIsRefusedByName() {
        lines.set(0, "{\"format\":\"something-else\"}");
        assertTrue(verify().reason().contains("format"), verify().toString());
    }
}
