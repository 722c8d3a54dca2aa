package eu.wua.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one row that names the last event of the chain; locking it orders every append. */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHead {

    public static final int ID = 1;

    @Id
    @Column(name = "id")
    private int id;

    @Column(name = "seq", nullable = false)
    private long seq;

    @Column(name = "head_hash", nullable = false)
    private String headHash;

    protected AuditChainHead() {
    }

    public void advance(long newSeq, String newHash) {
        this.seq = newSeq;
        this.headHash = newHash;
    }

    public long getSeq() { return seq; }
    public String getHeadHash() { return headHash; }
}
