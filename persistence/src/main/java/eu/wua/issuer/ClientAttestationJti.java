package eu.wua.issuer;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A client attestation PoP's {@code jti}, once per instance key: the primary key refuses a replay. */
@Entity
@Table(name = "client_attestation_jti")
public class ClientAttestationJti {

    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "instance_key_thumbprint")
        private String instanceKeyThumbprint;

        @Column(name = "jti")
        private String jti;

        protected Key() {
        }

        public Key(String instanceKeyThumbprint, String jti) {
            this.instanceKeyThumbprint = instanceKeyThumbprint;
            this.jti = jti;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(instanceKeyThumbprint, key.instanceKeyThumbprint) && Objects.equals(jti, key.jti);
        }

        @Override
        public int hashCode() {
            return Objects.hash(instanceKeyThumbprint, jti);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "used_at", nullable = false)
    private Instant usedAt;

    protected ClientAttestationJti() {
    }

    public ClientAttestationJti(String instanceKeyThumbprint, String jti, Instant usedAt) {
        this.key = new Key(instanceKeyThumbprint, jti);
        this.usedAt = usedAt;
    }
}
