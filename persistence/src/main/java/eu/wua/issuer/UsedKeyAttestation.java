package eu.wua.issuer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A Key Attestation consumed by an issuance (TS3: once, ever); the SHA-256 of the compact JWS is the key. */
@Entity
@Table(name = "used_key_attestation")
public class UsedKeyAttestation {

    @Id
    @Column(name = "key_attestation_hash")
    private String keyAttestationHash;

    @Column(name = "used_at", nullable = false)
    private Instant usedAt;

    protected UsedKeyAttestation() {
    }

    public UsedKeyAttestation(String keyAttestationHash, Instant usedAt) {
        this.keyAttestationHash = keyAttestationHash;
        this.usedAt = usedAt;
    }

    public String getKeyAttestationHash() { return keyAttestationHash; }
    public Instant getUsedAt() { return usedAt; }
}
