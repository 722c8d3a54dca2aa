package eu.wua.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far the audit log is sealed: its size and root. Only a sealer locks this row (one batch at a
 * time across the nodes); an event's writer never reads it.
 */
@Entity
@Table(name = "audit_log_state")
public class AuditLogState {

    public static final int ID = 1;

    @Id
    @Column(name = "id")
    private int id;

    @Column(name = "tree_size", nullable = false)
    private long treeSize;

    @Column(name = "root_hash", nullable = false)
    private String rootHash;

    @Column(name = "sealed_at")
    private Instant sealedAt;

    protected AuditLogState() {
    }

    public void advance(long newTreeSize, String newRootHash, Instant at) {
        this.treeSize = newTreeSize;
        this.rootHash = newRootHash;
        this.sealedAt = at;
    }

    public long getTreeSize() { return treeSize; }
    public String getRootHash() { return rootHash; }
    public Instant getSealedAt() { return sealedAt; }
}
