package eu.wua.walletprovider;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A Key Attestation the Wallet Provider issued over keys in the WSCD, with its own status list index. */
@Entity
@Table(name = "key_attestation")
public class KeyAttestationRecord {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "instance_id", nullable = false)
    private String instanceId;

    @Column(name = "profile", nullable = false)
    private String profile;

    @Column(name = "status_list_id", nullable = false)
    private String statusListId;

    @Column(name = "status_idx", nullable = false)
    private int statusIndex;

    @Column(name = "key_storage", nullable = false)
    private String keyStorage;

    @Column(name = "certification_id")
    private String certificationId;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected KeyAttestationRecord() {
    }

    public KeyAttestationRecord(String id, String instanceId, String profile, String statusListId, int statusIndex,
            String keyStorage, String certificationId, Instant issuedAt, Instant expiresAt) {
        this.id = id;
        this.instanceId = instanceId;
        this.profile = profile;
        this.statusListId = statusListId;
        this.statusIndex = statusIndex;
        this.keyStorage = keyStorage;
        this.certificationId = certificationId;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public String getId() { return id; }
    public String getInstanceId() { return instanceId; }
    public String getProfile() { return profile; }
    public String getStatusListId() { return statusListId; }
    public int getStatusIndex() { return statusIndex; }
    public String getKeyStorage() { return keyStorage; }
    public String getCertificationId() { return certificationId; }
    public Instant getIssuedAt() { return issuedAt; }
    public Instant getExpiresAt() { return expiresAt; }
}
