package eu.wua.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A security-relevant event, a leaf of the audit log's Merkle tree once sealed ({@code seq} and
 * {@code leafHash} set by the sealer). Events written before the log were links of a hash chain and
 * keep {@code previousHash} and {@code eventHash}. Details are JSON and never hold secrets or PID
 * attribute values.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    public enum Outcome { SUCCESS, REJECTED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "actor", nullable = false)
    private String actor;

    @Column(name = "type", nullable = false)
    private String type;

    @Column(name = "subject")
    private String subject;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "outcome", nullable = false)
    private Outcome outcome;

    @Column(name = "details", nullable = false, length = 4000)
    private String details;

    @Column(name = "seq")
    private Long seq;

    @Column(name = "previous_hash")
    private String previousHash;

    @Column(name = "event_hash")
    private String eventHash;

    @Column(name = "leaf_hash")
    private String leafHash;

    @Column(name = "mac")
    private String mac;

    protected AuditEvent() {
    }

    /** {@code mac}: the event's HMAC as written, or null without a MAC key. */
    public AuditEvent(Instant occurredAt, String actor, String type, String subject, Outcome outcome, String details, String mac) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.type = type;
        this.subject = subject;
        this.outcome = outcome;
        this.details = details;
        this.mac = mac;
    }

    /** Makes the event leaf {@code seq - 1} of the log (the sealer does, holding the log state's lock). */
    public void seal(long seq, String leafHash) {
        this.seq = seq;
        this.leafHash = leafHash;
    }

    /** Whether the event was a link of the hash chain that came before the log, not yet taken into the tree. */
    public boolean isUnsealedChainLink() {
        return leafHash == null && previousHash != null;
    }

    public Long getSeq() { return seq; }
    public String getPreviousHash() { return previousHash; }
    public String getEventHash() { return eventHash; }
    public String getLeafHash() { return leafHash; }
    public String getMac() { return mac; }
    public Long getId() { return id; }
    public Instant getOccurredAt() { return occurredAt; }
    public String getActor() { return actor; }
    public String getType() { return type; }
    public String getSubject() { return subject; }
    public Outcome getOutcome() { return outcome; }
    public String getDetails() { return details; }
}
