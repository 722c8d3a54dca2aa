package eu.wua.issuer;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A DPoP proof's {@code jti}, once per key (RFC 9449 §11.1): the primary key refuses a replay. */
@Entity
@Table(name = "dpop_proof_jti")
public class DpopProofJti {

    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "key_thumbprint")
        private String keyThumbprint;

        @Column(name = "jti")
        private String jti;

        protected Key() {
        }

        public Key(String keyThumbprint, String jti) {
            this.keyThumbprint = keyThumbprint;
            this.jti = jti;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(keyThumbprint, key.keyThumbprint) && Objects.equals(jti, key.jti);
        }

        @Override
        public int hashCode() {
            return Objects.hash(keyThumbprint, jti);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "used_at", nullable = false)
    private Instant usedAt;

    protected DpopProofJti() {
    }

    public DpopProofJti(String keyThumbprint, String jti, Instant usedAt) {
        this.key = new Key(keyThumbprint, jti);
        this.usedAt = usedAt;
    }

    public Instant getUsedAt() { return usedAt; }
}
