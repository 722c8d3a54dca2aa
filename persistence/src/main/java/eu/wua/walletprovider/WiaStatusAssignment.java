package eu.wua.walletprovider;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The status list entry every WIA of one instance for one Credential Issuer carries (TS3 §2.5.1, per-issuer reuse). */
@Entity
@Table(name = "wia_status_assignment")
public class WiaStatusAssignment {

    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "instance_id")
        private String instanceId;

        @Column(name = "audience_hash")
        private String audienceHash;

        protected Key() {
        }

        public Key(String instanceId, String audienceHash) {
            this.instanceId = instanceId;
            this.audienceHash = audienceHash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(instanceId, key.instanceId) && Objects.equals(audienceHash, key.audienceHash);
        }

        @Override
        public int hashCode() {
            return Objects.hash(instanceId, audienceHash);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "status_list_id", nullable = false)
    private String statusListId;

    @Column(name = "status_idx", nullable = false)
    private int statusIndex;

    @Column(name = "assigned_at", nullable = false)
    private Instant assignedAt;

    protected WiaStatusAssignment() {
    }

    public WiaStatusAssignment(String instanceId, String audienceHash, String statusListId, int statusIndex, Instant assignedAt) {
        this.key = new Key(instanceId, audienceHash);
        this.statusListId = statusListId;
        this.statusIndex = statusIndex;
        this.assignedAt = assignedAt;
    }

    public String getStatusListId() { return statusListId; }
    public int getStatusIndex() { return statusIndex; }
}
