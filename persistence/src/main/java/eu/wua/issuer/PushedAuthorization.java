package eu.wua.issuer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A pushed authorization request (RFC 9126), found by the SHA-256 of its {@code request_uri}: what
 * the authenticated client asked for, until the authorization endpoint takes it (once), the person
 * authenticates and a code is issued, or the request is void.
 */
@Entity
@Table(name = "pushed_authorization_request")
public class PushedAuthorization {

    /** What the client asked for at the PAR endpoint, as checked there. */
    public record Request(String clientId, String walletProviderId, String instanceKeyThumbprint, String redirectUri, String codeChallenge, String credentialConfigurationId,
            String authorizationDetails, String state, String offerId, String dpopJkt) {
    }

    @Id
    @Column(name = "request_uri_hash")
    private String requestUriHash;

    @Column(name = "client_id", nullable = false)
    private String clientId;

    @Column(name = "wallet_provider_id", nullable = false)
    private String walletProviderId;

    @Column(name = "instance_key_thumbprint", nullable = false)
    private String instanceKeyThumbprint;

    @Column(name = "redirect_uri", nullable = false)
    private String redirectUri;

    @Column(name = "code_challenge", nullable = false)
    private String codeChallenge;

    @Column(name = "credential_configuration_id", nullable = false)
    private String credentialConfigurationId;

    @Column(name = "authorization_details")
    private String authorizationDetails;

    @Column(name = "state")
    private String state;

    @Column(name = "offer_id")
    private String offerId;

    @Column(name = "dpop_jkt")
    private String dpopJkt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "opened_at")
    private Instant openedAt;

    @Column(name = "session_hash", unique = true)
    private String sessionHash;

    @Column(name = "authentication_failures", nullable = false)
    private int authenticationFailures;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected PushedAuthorization() {
    }

    public PushedAuthorization(String requestUriHash, Request request, Instant createdAt, Instant expiresAt) {
        this.requestUriHash = requestUriHash;
        this.clientId = request.clientId();
        this.walletProviderId = request.walletProviderId();
        this.instanceKeyThumbprint = request.instanceKeyThumbprint();
        this.redirectUri = request.redirectUri();
        this.codeChallenge = request.codeChallenge();
        this.credentialConfigurationId = request.credentialConfigurationId();
        this.authorizationDetails = request.authorizationDetails();
        this.state = request.state();
        this.offerId = request.offerId();
        this.dpopJkt = request.dpopJkt();
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public Request request() {
        return new Request(clientId, walletProviderId, instanceKeyThumbprint, redirectUri, codeChallenge, credentialConfigurationId, authorizationDetails, state, offerId,
                dpopJkt);
    }

    public String getRequestUriHash() { return requestUriHash; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getOpenedAt() { return openedAt; }
    public int getAuthenticationFailures() { return authenticationFailures; }
    public Instant getCompletedAt() { return completedAt; }
}
