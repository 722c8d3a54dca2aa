package eu.wua.walletprovider;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A WIA the Wallet Provider issued: to which instance, until when, at which status list index. */
@Entity
@Table(name = "wallet_instance_attestation")
public class WalletInstanceAttestationRecord {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "instance_id", nullable = false)
    private String instanceId;

    @Column(name = "status_list_id", nullable = false)
    private String statusListId;

    @Column(name = "status_idx", nullable = false)
    private int statusIndex;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected WalletInstanceAttestationRecord() {
    }

    public WalletInstanceAttestationRecord(String id, String instanceId, String statusListId, int statusIndex,
            Instant issuedAt, Instant expiresAt) {
        this.id = id;
        this.instanceId = instanceId;
        this.statusListId = statusListId;
        this.statusIndex = statusIndex;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public String getId() { return id; }
    public String getInstanceId() { return instanceId; }
    public String getStatusListId() { return statusListId; }
    public int getStatusIndex() { return statusIndex; }
    public Instant getIssuedAt() { return issuedAt; }
    public Instant getExpiresAt() { return expiresAt; }
}
