package eu.wua.issuer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A refresh token (RFC 6749 §6), kept as its SHA-256: bound to the client and the DPoP key, used
 * once (each use gives a new one), never beyond the horizon of the authorization it came from.
 */
@Entity
@Table(name = "refresh_token")
public class RefreshToken {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "offer_id", nullable = false)
    private String offerId;

    @Column(name = "credential_configuration_id", nullable = false)
    private String credentialConfigurationId;

    @Column(name = "client_id", nullable = false)
    private String clientId;

    @Column(name = "wallet_provider_id", nullable = false)
    private String walletProviderId;

    @Column(name = "instance_key_thumbprint", nullable = false)
    private String instanceKeyThumbprint;

    @Column(name = "dpop_jkt", nullable = false)
    private String dpopJkt;

    @Column(name = "authorization_code_hash", nullable = false)
    private String authorizationCodeHash;

    @Column(name = "authorization_details")
    private String authorizationDetails;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "horizon_ends_at", nullable = false)
    private Instant horizonEndsAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected RefreshToken() {
    }

    /** What a refresh token carries from the authorization to the next one. */
    public record Grant(String offerId, String credentialConfigurationId, String clientId, String walletProviderId,
            String instanceKeyThumbprint, String dpopJkt,
            String authorizationCodeHash, String authorizationDetails, Instant horizonEndsAt) {
    }

    public RefreshToken(String tokenHash, Grant grant, Instant issuedAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.offerId = grant.offerId();
        this.credentialConfigurationId = grant.credentialConfigurationId();
        this.clientId = grant.clientId();
        this.walletProviderId = grant.walletProviderId();
        this.instanceKeyThumbprint = grant.instanceKeyThumbprint();
        this.dpopJkt = grant.dpopJkt();
        this.authorizationCodeHash = grant.authorizationCodeHash();
        this.authorizationDetails = grant.authorizationDetails();
        this.horizonEndsAt = grant.horizonEndsAt();
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public Grant grant() {
        return new Grant(offerId, credentialConfigurationId, clientId, walletProviderId, instanceKeyThumbprint, dpopJkt, authorizationCodeHash, authorizationDetails,
                horizonEndsAt);
    }

    public String getTokenHash() { return tokenHash; }
    public Instant getIssuedAt() { return issuedAt; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getUsedAt() { return usedAt; }
}
