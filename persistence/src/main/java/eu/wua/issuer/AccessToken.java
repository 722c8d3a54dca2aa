package eu.wua.issuer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An access token of the token endpoint, kept as its SHA-256: bound to the wallet instance key of
 * the client attestation, and carrying the WIA's status reference for the checks that follow
 * (credential endpoint, 24-hour re-check).
 */
@Entity
@Table(name = "access_token")
public class AccessToken {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "offer_id", nullable = false)
    private String offerId;

    @Column(name = "credential_configuration_id", nullable = false)
    private String credentialConfigurationId;

    @Column(name = "wallet_provider_id", nullable = false)
    private String walletProviderId;

    @Column(name = "instance_key_thumbprint", nullable = false)
    private String instanceKeyThumbprint;

    @Column(name = "wia_status_uri")
    private String wiaStatusUri;

    @Column(name = "wia_status_idx")
    private Integer wiaStatusIndex;

    @Column(name = "wia_status_exp")
    private Instant wiaStatusExpiresAt;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected AccessToken() {
    }

    public AccessToken(String tokenHash, String offerId, String credentialConfigurationId, String walletProviderId,
            String instanceKeyThumbprint, String wiaStatusUri, Integer wiaStatusIndex, Instant wiaStatusExpiresAt, Instant issuedAt,
            Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.offerId = offerId;
        this.credentialConfigurationId = credentialConfigurationId;
        this.walletProviderId = walletProviderId;
        this.instanceKeyThumbprint = instanceKeyThumbprint;
        this.wiaStatusUri = wiaStatusUri;
        this.wiaStatusIndex = wiaStatusIndex;
        this.wiaStatusExpiresAt = wiaStatusExpiresAt;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public String getTokenHash() { return tokenHash; }
    public String getOfferId() { return offerId; }
    public String getCredentialConfigurationId() { return credentialConfigurationId; }
    public String getWalletProviderId() { return walletProviderId; }
    public String getInstanceKeyThumbprint() { return instanceKeyThumbprint; }
    public String getWiaStatusUri() { return wiaStatusUri; }
    public Integer getWiaStatusIndex() { return wiaStatusIndex; }
    public Instant getWiaStatusExpiresAt() { return wiaStatusExpiresAt; }
    public Instant getIssuedAt() { return issuedAt; }
    public Instant getExpiresAt() { return expiresAt; }
}
