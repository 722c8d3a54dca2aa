package eu.wua.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A signed tree head of the audit log ({@link #TREE}: tree size and root hash) or, from before the
 * log, a signed position of the hash chain ({@link #CHAIN}: sequence number and hash), as a compact
 * JWS by the audit key in the WSCD.
 */
@Entity
@Table(name = "audit_checkpoint")
public class AuditCheckpoint {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "seq", nullable = false)
    private long seq;

    @Column(name = "head_hash", nullable = false)
    private String headHash;

    @Column(name = "signed_at", nullable = false)
    private Instant signedAt;

    @Column(name = "reason", nullable = false)
    private String reason;

    @Column(name = "signature", nullable = false, length = 8000)
    private String signature;

    @Column(name = "format", nullable = false)
    private String format;

    public static final String TREE = "tree";
    public static final String CHAIN = "chain";

    protected AuditCheckpoint() {
    }

    /** A signed tree head: {@code treeSize} records, {@code rootHash} their Merkle root. */
    public static AuditCheckpoint treeHead(long treeSize, String rootHash, Instant signedAt, String reason, String signature) {
        AuditCheckpoint head = new AuditCheckpoint();
        head.seq = treeSize;
        head.headHash = rootHash;
        head.signedAt = signedAt;
        head.reason = reason;
        head.signature = signature;
        head.format = TREE;
        return head;
    }

    public long getSeq() { return seq; }
    public String getHeadHash() { return headHash; }
    public Instant getSignedAt() { return signedAt; }
    public String getReason() { return reason; }
    public String getSignature() { return signature; }
    public String getFormat() { return format; }
}
