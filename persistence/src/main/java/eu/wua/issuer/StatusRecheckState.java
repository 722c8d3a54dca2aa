package eu.wua.issuer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Who runs the 24-hour re-check now (a lease), and what its last run found. */
@Entity
@Table(name = "status_recheck")
public class StatusRecheckState {

    public static final int ID = 1;

    @Id
    @Column(name = "id")
    private int id;

    @Column(name = "lease_owner")
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "last_started")
    private Instant lastStarted;

    @Column(name = "last_finished")
    private Instant lastFinished;

    @Column(name = "checked", nullable = false)
    private int checked;

    @Column(name = "revoked", nullable = false)
    private int revoked;

    @Column(name = "unresolved", nullable = false)
    private int unresolved;

    @Column(name = "last_problem")
    private String lastProblem;

    protected StatusRecheckState() {
    }

    public void started(Instant now) {
        lastStarted = now;
        lastFinished = null;
        checked = 0;
        revoked = 0;
        unresolved = 0;
        lastProblem = null;
    }

    public void counted(int checkedNow, int revokedNow, int unresolvedNow, String problem) {
        checked += checkedNow;
        revoked += revokedNow;
        unresolved += unresolvedNow;
        if (problem != null) {
            lastProblem = problem.length() > 1000 ? problem.substring(0, 1000) : problem;
        }
    }

    public void finished(Instant now) {
        lastFinished = now;
        leaseOwner = null;
        leaseUntil = null;
    }

    public String getLeaseOwner() { return leaseOwner; }
    public Instant getLeaseUntil() { return leaseUntil; }
    public Instant getLastStarted() { return lastStarted; }
    public Instant getLastFinished() { return lastFinished; }
    public int getChecked() { return checked; }
    public int getRevoked() { return revoked; }
    public int getUnresolved() { return unresolved; }
    public String getLastProblem() { return lastProblem; }
}
