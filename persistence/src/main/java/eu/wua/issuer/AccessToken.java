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
 * An access token of the token endpoint, kept as its SHA-256: bound to the wallet instance key of
 * the client attestation, and carrying the WIA's status reference for the checks that follow
 * (credential endpoint, 24-hour re-check).
 */
@Entity
@Table(name = "access_token")
public class AccessToken {

    /** The wallet instance the client attestation authenticated, as the token remembers it. */
    public record Client(String walletProviderId, String instanceKeyThumbprint, StatusReference wiaStatus, Instant wiaStatusExpiresAt) {
    }

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

    @Embedded
    @AttributeOverrides({@AttributeOverride(name = "uri", column = @Column(name = "wia_status_uri")),
            @AttributeOverride(name = "index", column = @Column(name = "wia_status_idx"))})
    private StatusReference wiaStatus;

    @Column(name = "wia_status_exp")
    private Instant wiaStatusExpiresAt;

    /** The RFC 7638 thumbprint of the DPoP key the token is bound to; null for a Bearer token. */
    @Column(name = "dpop_jkt")
    private String dpopJkt;

    /** The authorization code the token was issued from (null for the pre-authorized grant): a reuse of the code revokes it. */
    @Column(name = "authorization_code_hash")
    private String authorizationCodeHash;

    /** The credential_identifier the token response gave (VCI §6.2); null when the request named no authorization_details. */
    @Column(name = "credential_identifier")
    private String credentialIdentifier;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected AccessToken() {
    }

    public AccessToken(String tokenHash, CredentialOffer offer, Client client, Instant issuedAt, Instant expiresAt) {
        this(tokenHash, offer, client, null, issuedAt, expiresAt);
    }

    /** {@code dpopJkt}: the DPoP key's thumbprint, or null for a Bearer token. */
    public AccessToken(String tokenHash, CredentialOffer offer, Client client, String dpopJkt, Instant issuedAt, Instant expiresAt) {
        this.dpopJkt = dpopJkt;
        this.tokenHash = tokenHash;
        this.offerId = offer.getId();
        this.credentialConfigurationId = offer.getCredentialConfigurationId();
        this.walletProviderId = client.walletProviderId();
        this.instanceKeyThumbprint = client.instanceKeyThumbprint();
        this.wiaStatus = client.wiaStatus();
        this.wiaStatusExpiresAt = client.wiaStatusExpiresAt();
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    /** From an authorization code (or a refresh token of one): revoked with the code when it is used twice. */
    public AccessToken fromAuthorizationCode(String codeHash, String credentialIdentifier) {
        this.authorizationCodeHash = codeHash;
        this.credentialIdentifier = credentialIdentifier;
        return this;
    }

    public String getAuthorizationCodeHash() { return authorizationCodeHash; }
    /** Null when credential requests name the configuration by its id. */
    public String getCredentialIdentifier() { return credentialIdentifier; }
    public String getTokenHash() { return tokenHash; }
    public String getOfferId() { return offerId; }
    public String getCredentialConfigurationId() { return credentialConfigurationId; }
    public String getWalletProviderId() { return walletProviderId; }
    public String getInstanceKeyThumbprint() { return instanceKeyThumbprint; }
    /** Null when the WIA named no status list entry. */
    public StatusReference getWiaStatus() { return wiaStatus; }
    public Instant getWiaStatusExpiresAt() { return wiaStatusExpiresAt; }
    /** Null for a Bearer token. */
    public String getDpopJkt() { return dpopJkt; }
    public Instant getIssuedAt() { return issuedAt; }
    public Instant getExpiresAt() { return expiresAt; }
}
