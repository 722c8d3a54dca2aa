package eu.wua.issuer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A c_nonce of the nonce endpoint (VCI §7), used up by a conditional UPDATE. */
@Entity
@Table(name = "issuer_nonce")
public class IssuerNonce {

    @Id
    @Column(name = "nonce")
    private String nonce;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "consumed_at")
    private Instant consumedAt;

    protected IssuerNonce() {
    }

    public IssuerNonce(String nonce, Instant expiresAt) {
        this.nonce = nonce;
        this.expiresAt = expiresAt;
    }

    public String getNonce() { return nonce; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getConsumedAt() { return consumedAt; }
}
