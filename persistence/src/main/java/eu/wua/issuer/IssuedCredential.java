package eu.wua.issuer;

import java.time.Instant;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import eu.wua.status.StatusReference;

/**
 * A credential the issuer signed, without its attribute values: its own status entry, the key it
 * is bound to, and the WIA and KA status references it rested on (for the 24-hour re-check and
 * the revocation cascades).
 */
@Entity
@Table(name = "issued_credential")
public class IssuedCredential {

    /** What every credential of one batch rests on: the offer, the Wallet Provider, and the KA and WIA with their status entries. */
    public record Basis(String offerId, String credentialConfigurationId, String walletProviderId, String keyAttestationHash,
            StatusReference kaStatus, StatusReference wiaStatus) {
    }

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "offer_id", nullable = false)
    private String offerId;

    @Column(name = "credential_configuration_id", nullable = false)
    private String credentialConfigurationId;

    @Column(name = "wallet_provider_id", nullable = false)
    private String walletProviderId;

    @Column(name = "key_attestation_hash", nullable = false)
    private String keyAttestationHash;

    @Column(name = "key_thumbprint", nullable = false)
    private String keyThumbprint;

    @Column(name = "status_list_id", nullable = false)
    private String statusListId;

    @Column(name = "status_idx", nullable = false)
    private int statusIndex;

    @Embedded
    @AttributeOverrides({@AttributeOverride(name = "uri", column = @Column(name = "ka_status_uri")),
            @AttributeOverride(name = "index", column = @Column(name = "ka_status_idx"))})
    private StatusReference kaStatus;

    @Embedded
    @AttributeOverrides({@AttributeOverride(name = "uri", column = @Column(name = "wia_status_uri")),
            @AttributeOverride(name = "index", column = @Column(name = "wia_status_idx"))})
    private StatusReference wiaStatus;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected IssuedCredential() {
    }

    /** Credential {@code id} of a batch resting on {@code basis}, bound to the key of {@code keyThumbprint}, at its own status entry. */
    public IssuedCredential(String id, Basis basis, String keyThumbprint, String statusListId, int statusIndex, Instant issuedAt,
            Instant expiresAt) {
        this.id = id;
        this.offerId = basis.offerId();
        this.credentialConfigurationId = basis.credentialConfigurationId();
        this.walletProviderId = basis.walletProviderId();
        this.keyAttestationHash = basis.keyAttestationHash();
        this.kaStatus = basis.kaStatus();
        this.wiaStatus = basis.wiaStatus();
        this.keyThumbprint = keyThumbprint;
        this.statusListId = statusListId;
        this.statusIndex = statusIndex;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public String getId() { return id; }
    public String getOfferId() { return offerId; }
    public String getCredentialConfigurationId() { return credentialConfigurationId; }
    public String getWalletProviderId() { return walletProviderId; }
    public String getKeyAttestationHash() { return keyAttestationHash; }
    public String getKeyThumbprint() { return keyThumbprint; }
    public String getStatusListId() { return statusListId; }
    public int getStatusIndex() { return statusIndex; }
    /** Null when the KA named no status list entry. */
    public StatusReference getKaStatus() { return kaStatus; }
    /** Null when the WIA named no status list entry. */
    public StatusReference getWiaStatus() { return wiaStatus; }
    public Instant getIssuedAt() { return issuedAt; }
    public Instant getExpiresAt() { return expiresAt; }
}
