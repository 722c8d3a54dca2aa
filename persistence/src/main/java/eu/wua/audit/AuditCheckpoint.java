package eu.wua.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A chain position (sequence number and hash) signed by the audit key in the WSCD, as a compact JWS. */
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

    protected AuditCheckpoint() {
    }

    public AuditCheckpoint(long seq, String headHash, Instant signedAt, String reason, String signature) {
        this.seq = seq;
        this.headHash = headHash;
        this.signedAt = signedAt;
        this.reason = reason;
        this.signature = signature;
    }

    public long getSeq() { return seq; }
    public String getHeadHash() { return headHash; }
    public Instant getSignedAt() { return signedAt; }
    public String getReason() { return reason; }
    public String getSignature() { return signature; }
}
