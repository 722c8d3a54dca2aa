package eu.wua.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A security-relevant event, a link of the hash chain. Details are JSON and never hold secrets or PID attribute values. */
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

    protected AuditEvent() {
    }

    public AuditEvent(Instant occurredAt, String actor, String type, String subject, Outcome outcome, String details) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.type = type;
        this.subject = subject;
        this.outcome = outcome;
        this.details = details;
    }

    /** Places the event in the hash chain (AuditTrail does, under the chain head's lock). */
    public void chain(long seq, String previousHash, String eventHash) {
        this.seq = seq;
        this.previousHash = previousHash;
        this.eventHash = eventHash;
    }

    /** Millisecond precision, as the chain hashes it (for events written before the chain existed). */
    public void normalizeTime() {
        occurredAt = occurredAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public Long getSeq() { return seq; }
    public String getPreviousHash() { return previousHash; }
    public String getEventHash() { return eventHash; }
    public Long getId() { return id; }
    public Instant getOccurredAt() { return occurredAt; }
    public String getActor() { return actor; }
    public String getType() { return type; }
    public String getSubject() { return subject; }
    public Outcome getOutcome() { return outcome; }
    public String getDetails() { return details; }
}
