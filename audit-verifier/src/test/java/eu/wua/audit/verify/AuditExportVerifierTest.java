package eu.wua.audit.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditExportVerifierTest {

    private KeyPair auditKey;
    private final List<String> lines = new ArrayList<>();
    private final List<String> hashes = new ArrayList<>();

    @BeforeEach
    void fiveRecordsAndACheckpoint() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        auditKey = generator.generateKeyPair();
        String previous = AuditRecordFormat.GENESIS;
        for (long seq = 1; seq <= 5; seq++) {
            Map<String, Object> record = AuditRecordFormat.record(seq, Instant.parse("2026-11-24T10:00:00.123Z").plusSeconds(seq), "user:alice",
                    "wia.issued", "instance-" + seq, "SUCCESS", Map.of("wia_id", "w" + seq, "note", "a \"quoted\" é"), previous);
            lines.add(AuditRecordFormat.line(record));
            previous = AuditRecordFormat.hash(record);
            hashes.add(previous);
        }
        lines.add(checkpoint(5, previous, auditKey));
    }

    private static String checkpoint(long seq, String hash, KeyPair key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(AuditRecordFormat.checkpointClaims(seq, hash, Instant.now())));
        jws.setAlgorithmHeaderValue("ES256");
        jws.setHeader("typ", AuditRecordFormat.CHECKPOINT_TYPE);
        jws.setKey(key.getPrivate());
        return "{\"checkpoint\":\"" + jws.getCompactSerialization() + "\"}";
    }

    private AuditExportVerifier.Result verify() {
        return AuditExportVerifier.verify(lines, auditKey.getPublic());
    }

    @Test
    void anIntactExportVerifies() {
        AuditExportVerifier.Result result = verify();
        assertTrue(result.ok(), result.toString());
        assertEquals(5, result.records());
    }

    @Test
    void alteredDetailsAreNamedByTheirSequenceNumber() {
        lines.set(2, lines.get(2).replace("\"w3\"", "\"w9\""));
        assertEquals(3L, verify().brokenAt());
    }

    @Test
    void aRecordWhoseHashWasRecomputedBreaksTheChainAtTheNextOne() throws Exception {
        Map<String, Object> record = new LinkedHashMap<>(JsonUtil.parseJson(lines.get(2)));
        record.put("time", "2026-11-24T09:00:00.000Z");
        lines.set(2, AuditRecordFormat.line(record));
        AuditExportVerifier.Result result = verify();
        assertFalse(result.ok());
        assertEquals(4L, result.brokenAt(), result.toString());
    }

    @Test
    void aDeletedRecordIsNamed() {
        lines.remove(1);
        assertEquals(2L, verify().brokenAt());
    }

    @Test
    void swappedRecordsAreFound() {
        Collections.swap(lines, 1, 2);
        assertEquals(2L, verify().brokenAt());
    }

    @Test
    void aCheckpointSignedByAnotherKeyOrNoneAtAllFails() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        lines.set(5, checkpoint(5, hashes.get(4), generator.generateKeyPair()));
        assertFalse(verify().ok());
        lines.remove(5);
        assertEquals(5L, verify().brokenAt(), "the last record needs a signed checkpoint");
    }

    @Test
    void canonicalJsonSortsMembersAndEscapesAsRfc8785() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", "\u0001\n\"");
        value.put("a", List.of(1L, true));
        value.put("\u20ac", null);
        value.put("A", "é");
        assertEquals("{\"A\":\"é\",\"a\":[1,true],\"b\":\"\\u0001\\n\\\"\",\"\u20ac\":null}", CanonicalJson.of(value));
    }
}
