package eu.wua.walletprovider;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The use of an instance proof's {@code jti}; its primary key refuses a second use. */
@Entity
@Table(name = "instance_proof_jti")
public class InstanceProofUse {

    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "instance_id")
        private String instanceId;

        @Column(name = "jti")
        private String jti;

        protected Key() {
        }

        public Key(String instanceId, String jti) {
            this.instanceId = instanceId;
            this.jti = jti;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(instanceId, key.instanceId) && Objects.equals(jti, key.jti);
        }

        @Override
        public int hashCode() {
            return Objects.hash(instanceId, jti);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "used_at", nullable = false)
    private Instant usedAt;

    protected InstanceProofUse() {
    }

    public InstanceProofUse(String instanceId, String jti, Instant usedAt) {
        this.key = new Key(instanceId, jti);
        this.usedAt = usedAt;
    }

    public Instant getUsedAt() { return usedAt; }
}
