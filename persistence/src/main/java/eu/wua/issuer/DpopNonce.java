package eu.wua.issuer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A server nonce for DPoP proofs (RFC 9449 §8): not single use, live until it expires, on every node. */
@Entity
@Table(name = "dpop_nonce")
public class DpopNonce {

    @Id
    @Column(name = "nonce")
    private String nonce;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected DpopNonce() {
    }

    public DpopNonce(String nonce, Instant expiresAt) {
        this.nonce = nonce;
        this.expiresAt = expiresAt;
    }

    public String getNonce() { return nonce; }
    public Instant getExpiresAt() { return expiresAt; }
}
