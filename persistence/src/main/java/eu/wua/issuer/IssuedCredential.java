package eu.wua.issuer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A credential the issuer signed, without its attribute values: its own status entry, the key it
 * is bound to, and the WIA and KA status references it rested on (for the 24-hour re-check and
 * the revocation cascades).
 */
@Entity
@Table(name = "issued_credential")
public class IssuedCredential {

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

    @Column(name = "ka_status_uri")
    private String kaStatusUri;

    @Column(name = "ka_status_idx")
    private Integer kaStatusIndex;

    @Column(name = "wia_status_uri")
    private String wiaStatusUri;

    @Column(name = "wia_status_idx")
    private Integer wiaStatusIndex;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected IssuedCredential() {
    }

    public IssuedCredential(String id, String offerId, String credentialConfigurationId, String walletProviderId, String keyAttestationHash,
            String keyThumbprint, String statusListId, int statusIndex, String kaStatusUri, Integer kaStatusIndex, String wiaStatusUri,
            Integer wiaStatusIndex, Instant issuedAt, Instant expiresAt) {
        this.id = id;
        this.offerId = offerId;
        this.credentialConfigurationId = credentialConfigurationId;
        this.walletProviderId = walletProviderId;
        this.keyAttestationHash = keyAttestationHash;
        this.keyThumbprint = keyThumbprint;
        this.statusListId = statusListId;
        this.statusIndex = statusIndex;
        this.kaStatusUri = kaStatusUri;
        this.kaStatusIndex = kaStatusIndex;
        this.wiaStatusUri = wiaStatusUri;
        this.wiaStatusIndex = wiaStatusIndex;
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
    public String getKaStatusUri() { return kaStatusUri; }
    public Integer getKaStatusIndex() { return kaStatusIndex; }
    public String getWiaStatusUri() { return wiaStatusUri; }
    public Integer getWiaStatusIndex() { return wiaStatusIndex; }
    public Instant getIssuedAt() { return issuedAt; }
    public Instant getExpiresAt() { return expiresAt; }
}
