package eu.wua.issuer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An authorization code (RFC 6749 §4.1.2), kept as its SHA-256: the grant (offer) it stands for,
 * bound to the client (and its wallet instance key), the redirect URI, the PKCE challenge and, when the PAR had one, the DPoP key;
 * redeemed once.
 */
@Entity
@Table(name = "authorization_code")
public class AuthorizationCode {

    @Id
    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "offer_id", nullable = false)
    private String offerId;

    @Column(name = "client_id", nullable = false)
    private String clientId;

    @Column(name = "instance_key_thumbprint", nullable = false)
    private String instanceKeyThumbprint;

    @Column(name = "redirect_uri", nullable = false)
    private String redirectUri;

    @Column(name = "code_challenge", nullable = false)
    private String codeChallenge;

    @Column(name = "dpop_jkt")
    private String dpopJkt;

    @Column(name = "authorization_details")
    private String authorizationDetails;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "redeemed_at")
    private Instant redeemedAt;

    protected AuthorizationCode() {
    }

    public AuthorizationCode(String codeHash, String offerId, PushedAuthorization.Request request, Instant issuedAt, Instant expiresAt) {
        this.codeHash = codeHash;
        this.offerId = offerId;
        this.clientId = request.clientId();
        this.instanceKeyThumbprint = request.instanceKeyThumbprint();
        this.redirectUri = request.redirectUri();
        this.codeChallenge = request.codeChallenge();
        this.dpopJkt = request.dpopJkt();
        this.authorizationDetails = request.authorizationDetails();
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public String getCodeHash() { return codeHash; }
    public String getOfferId() { return offerId; }
    public String getClientId() { return clientId; }
    public String getInstanceKeyThumbprint() { return instanceKeyThumbprint; }
    public String getRedirectUri() { return redirectUri; }
    public String getCodeChallenge() { return codeChallenge; }
    /** Null when the code is not bound to a DPoP key. */
    public String getDpopJkt() { return dpopJkt; }
    public String getAuthorizationDetails() { return authorizationDetails; }
    public Instant getIssuedAt() { return issuedAt; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getRedeemedAt() { return redeemedAt; }
}
