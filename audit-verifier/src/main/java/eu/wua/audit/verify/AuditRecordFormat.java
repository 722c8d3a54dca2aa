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
 * {@code {seq, time, actor, type, subject, outcome, details}}, and its RFC 8785 canonical form is a
 * leaf of the audit log's Merkle tree (RFC 9162): leaf {@code seq - 1}, leaf hash
 * {@code SHA-256(0x00 || canonical form)} in hex. A signed tree head is a JWS ({@link #TREE_HEAD_TYPE})
 * over {@code {tree_size, root_hash, iat}}. An export ({@link #EXPORT_FORMAT}) is a format line, the
 * records with their {@code hash}, {@code {"node": {level, index, hash}}} lines for the subtrees
 * around the range, and {@code {"tree_head": "<JWS>"}} lines.
 * <p>
 * Records written before the log (a hash chain) also hold {@code previous_hash}, and their chain
 * hash was the SHA-256 of the canonical form; checkpoints of that chain signed {@code {seq, hash, iat}}.
 */
public final class AuditRecordFormat {

    /** The previous hash of the first record of a trail. */
    public static final String GENESIS = "0".repeat(64);
    public static final String CHECKPOINT_TYPE = "audit-checkpoint+jwt";
    public static final String TREE_HEAD_TYPE = "audit-tree-head+jwt";
    public static final String EXPORT_FORMAT = "wua-audit-log/2";

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

    /** A record of the Merkle log. */
    public static Map<String, Object> record(long seq, Instant time, String actor, String type, String subject, String outcome,
            Map<String, Object> details) {
        Map<String, Object> record = record(seq, time, actor, type, subject, outcome, details, null);
        record.remove("previous_hash");
        return record;
    }

    /** The record's leaf hash in the Merkle log, hex ({@code hash} aside, if the record carries it). */
    public static String leafHash(Map<String, Object> record) {
        Map<String, Object> withoutHash = new LinkedHashMap<>(record);
        withoutHash.remove("hash");
        return HexFormat.of().formatHex(MerkleTree.leafHash(CanonicalJson.of(withoutHash).getBytes(StandardCharsets.UTF_8)));
    }

    /** What a signed tree head signs. */
    public static Map<String, Object> treeHeadClaims(long treeSize, String rootHash, Instant signedAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("tree_size", treeSize);
        claims.put("root_hash", rootHash);
        claims.put("iat", signedAt.getEpochSecond());
        return claims;
    }

    /** The chain hash of a record written before the Merkle log. */
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

    /** The export line of a record of the chain era: its canonical form with its chain hash. */
    public static String line(Map<String, Object> record) {
        Map<String, Object> withHash = new LinkedHashMap<>(record);
        withHash.put("hash", hash(record));
        return CanonicalJson.of(withHash);
    }

    /** The export line of a record of the Merkle log: its canonical form with {@code hash} as given (the stored one). */
    public static String logLine(Map<String, Object> record, String leafHash) {
        Map<String, Object> withHash = new LinkedHashMap<>(record);
        withHash.put("hash", leafHash);
        return CanonicalJson.of(withHash);
    }

    public static String formatLine() {
        return CanonicalJson.of(Map.of("format", EXPORT_FORMAT));
    }

    public static String nodeLine(int level, long index, String hash) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("level", level);
        node.put("index", index);
        node.put("hash", hash);
        return CanonicalJson.of(Map.of("node", node));
    }

    public static String treeHeadLine(String jws) {
        return CanonicalJson.of(Map.of("tree_head", jws));
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
