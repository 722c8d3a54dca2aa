package eu.wua.audit.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one class that knows an audit record's wire form. A record is the JSON object
 * {@code {seq, time, actor, type, subject, outcome, details, previous_hash}}; its hash is the
 * SHA-256 (hex) of the record's RFC 8785 canonical form, so it covers the previous record's hash
 * and the chain breaks wherever a record is altered, removed or moved. An export line is the record
 * with its {@code hash}; a checkpoint line is {@code {"checkpoint": "<JWS over {seq, hash, iat}>"}}.
 */
public final class AuditRecordFormat {

    /** The previous hash of the first record of a trail. */
    public static final String GENESIS = "0".repeat(64);
    public static final String CHECKPOINT_TYPE = "audit-checkpoint+jwt";

    private AuditRecordFormat() {
    }

    /** Times are kept to the millisecond, in UTC, so that every database stores exactly what was hashed. */
    public static Instant normalize(Instant time) {
        return time.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public static Map<String, Object> record(long seq, Instant time, String actor, String type, String subject, String outcome,
            Map<String, Object> details, String previousHash) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("seq", seq);
        record.put("time", normalize(time).toString());
        record.put("actor", actor);
        record.put("type", type);
        record.put("subject", subject);
        record.put("outcome", outcome);
        record.put("details", details);
        record.put("previous_hash", previousHash);
        return record;
    }

    public static String hash(Map<String, Object> record) {
        Map<String, Object> withoutHash = new LinkedHashMap<>(record);
        withoutHash.remove("hash");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(CanonicalJson.of(withoutHash).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The export line of a record: its canonical form with its hash. */
    public static String line(Map<String, Object> record) {
        Map<String, Object> withHash = new LinkedHashMap<>(record);
        withHash.put("hash", hash(record));
        return CanonicalJson.of(withHash);
    }

    /** What a checkpoint signs. */
    public static Map<String, Object> checkpointClaims(long seq, String hash, Instant signedAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("seq", seq);
        claims.put("hash", hash);
        claims.put("iat", signedAt.getEpochSecond());
        return claims;
    }
}
