package eu.wua.verifier;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A challenge the presentation verifier gave out: the KB-JWT's {@code nonce}, used by one presentation. */
@Entity
@Table(name = "verifier_nonce")
public class VerifierNonce {

    @Id
    @Column(name = "nonce")
    private String nonce;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "consumed_at")
    private Instant consumedAt;

    protected VerifierNonce() {
    }

    public VerifierNonce(String nonce, Instant expiresAt) {
        this.nonce = nonce;
        this.expiresAt = expiresAt;
    }

    public String getNonce() { return nonce; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getConsumedAt() { return consumedAt; }
}
