package eu.wua.walletprovider;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A nonce the Wallet Provider issued; used once, before it expires. */
@Entity
@Table(name = "wallet_provider_nonce")
public class WalletProviderNonce {

    @Id
    @Column(name = "nonce")
    private String nonce;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "consumed_at")
    private Instant consumedAt;

    protected WalletProviderNonce() {
    }

    public WalletProviderNonce(String nonce, Instant expiresAt) {
        this.nonce = nonce;
        this.expiresAt = expiresAt;
    }

    public String getNonce() { return nonce; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getConsumedAt() { return consumedAt; }
}
