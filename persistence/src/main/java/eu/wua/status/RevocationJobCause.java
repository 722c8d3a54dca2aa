package eu.wua.status;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One status entry a cascade starts from (a withdrawn WIA's or KA's), in the order the job works through them. */
@Entity
@Table(name = "revocation_job_cause")
@IdClass(RevocationJobCause.Key.class)
public class RevocationJobCause {

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String jobId;
        private int seq;

        protected Key() {
        }

        public Key(String jobId, int seq) {
            this.jobId = jobId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && jobId.equals(key.jobId) && seq == key.seq;
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, seq);
        }
    }

    @Id
    @Column(name = "job_id")
    private String jobId;

    @Id
    @Column(name = "seq")
    private int seq;

    @Embedded
    private StatusReference entry;

    protected RevocationJobCause() {
    }

    public RevocationJobCause(String jobId, int seq, StatusReference entry) {
        this.jobId = jobId;
        this.seq = seq;
        this.entry = entry;
    }

    public String getJobId() { return jobId; }
    public int getSeq() { return seq; }
    public StatusReference getEntry() { return entry; }
}
