package eu.wua.verifier;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An OpenID4VP request the re-issuance authenticator made for one authorization page: its id is the
 * SHA-256 of the {@code request_uri}'s last segment, the wallet answers it once with its {@code state},
 * and the browser that comes back with the response code takes the result once.
 */
@Entity
@Table(name = "presentation_request")
public class PresentationRequest {

    /** What the wallet's response led to. */
    public enum Outcome { PRESENTED, REFUSED }

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "authorization_ref", nullable = false)
    private String authorizationRef;

    @Column(name = "state_hash", nullable = false)
    private String stateHash;

    @Column(name = "nonce", nullable = false)
    private String nonce;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "responded_at")
    private Instant respondedAt;

    @Column(name = "response_code_hash")
    private String responseCodeHash;

    @Column(name = "outcome")
    @Enumerated(EnumType.STRING)
    private Outcome outcome;

    @Column(name = "refusal")
    private String refusal;

    @Column(name = "claims")
    private String claims;

    @Column(name = "key_binding_key_id")
    private String keyBindingKeyId;

    @Column(name = "resumed_at")
    private Instant resumedAt;

    protected PresentationRequest() {
    }

    public PresentationRequest(String id, String authorizationRef, String stateHash, String nonce, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.authorizationRef = authorizationRef;
        this.stateHash = stateHash;
        this.nonce = nonce;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String getId() { return id; }
    public String getAuthorizationRef() { return authorizationRef; }
    public String getStateHash() { return stateHash; }
    public String getNonce() { return nonce; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getRespondedAt() { return respondedAt; }
    public String getResponseCodeHash() { return responseCodeHash; }
    public Outcome getOutcome() { return outcome; }
    public String getRefusal() { return refusal; }
    public String getClaims() { return claims; }
    public String getKeyBindingKeyId() { return keyBindingKeyId; }
    public Instant getResumedAt() { return resumedAt; }
}
