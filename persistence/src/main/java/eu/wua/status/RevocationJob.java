package eu.wua.status;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A revocation cascade: what it revokes, how far it got (a cursor over credential ids), and who works on it. */
@Entity
@Table(name = "revocation_job")
public class RevocationJob {

    public enum Kind { wallet_instance, certification, wallet_provider }

    public enum State { RUNNING, DONE }

    @Id
    @Column(name = "id")
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    private Kind kind;

    @Column(name = "target", nullable = false)
    private String target;

    @Column(name = "reason", nullable = false)
    private String reason;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    private State state;

    @Column(name = "total")
    private Integer total;

    @Column(name = "processed", nullable = false)
    private int processed;

    @Column(name = "revoked", nullable = false)
    private int revoked;

    @Column(name = "cursor_id")
    private String cursorId;

    @Column(name = "cause_cursor")
    private Integer causeCursor;

    @Column(name = "lease_owner")
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected RevocationJob() {
    }

    public RevocationJob(String id, Kind kind, String target, String reason, String requestedBy, int total, Instant now) {
        this.id = id;
        this.kind = kind;
        this.target = target;
        this.reason = reason;
        this.requestedBy = requestedBy;
        this.state = State.RUNNING;
        this.total = total;
        this.causeCursor = 0;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** One chunk done: the cursor moves past its last credential. */
    public void advance(String lastCredentialId, int chunkProcessed, int chunkRevoked, Instant now) {
        this.cursorId = lastCredentialId;
        this.processed += chunkProcessed;
        this.revoked += chunkRevoked;
        this.updatedAt = now;
    }

    /** A chunk went through the credentials resting on causes up to {@code nextCause}: the next starts there, from the first credential. */
    public void advanceCauses(int nextCause, int chunkProcessed, int chunkRevoked, Instant now) {
        advance(null, chunkProcessed, chunkRevoked, now);
        this.causeCursor = nextCause;
    }

    /** Causes recorded after the job started (a job of an earlier version): the job goes on from its first cause. */
    public void causesRecorded(int total, Instant now) {
        this.causeCursor = 0;
        this.cursorId = null;
        this.total = total;
        this.updatedAt = now;
    }

    public void finish(Instant now) {
        this.state = State.DONE;
        this.finishedAt = now;
        this.updatedAt = now;
        this.leaseOwner = null;
        this.leaseUntil = null;
    }

    public String getId() { return id; }
    public Kind getKind() { return kind; }
    public String getTarget() { return target; }
    public String getReason() { return reason; }
    public String getRequestedBy() { return requestedBy; }
    public State getState() { return state; }
    public Integer getTotal() { return total; }
    public int getProcessed() { return processed; }
    public int getRevoked() { return revoked; }
    public String getCursorId() { return cursorId; }
    /** The next cause to work on; null for a job whose causes were never recorded. */
    public Integer getCauseCursor() { return causeCursor; }
    public String getLeaseOwner() { return leaseOwner; }
    public Instant getLeaseUntil() { return leaseUntil; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getFinishedAt() { return finishedAt; }
}
