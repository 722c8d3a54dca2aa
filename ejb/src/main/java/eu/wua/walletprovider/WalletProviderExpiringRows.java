package eu.wua.walletprovider;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import eu.wua.platform.ExpiringRows;

/**
 * The Wallet Provider's single-use rows: a nonce is refused once expired, and an instance proof's jti
 * can only be replayed with its nonce, which was used up with it and expires within
 * {@link WalletProviderNonces#LIFETIME} (kept twice that, to spare any doubt).
 */
@ApplicationScoped
public class WalletProviderExpiringRows implements ExpiringRows {

    @Override
    public List<ExpiryRule> rules(Instant now) {
        return List.of(new ExpiryRule("wallet provider nonces", "WalletProviderNonce", "expiresAt", now),
                new ExpiryRule("instance proof jtis", "InstanceProofUse", "usedAt", now.minus(WalletProviderNonces.LIFETIME.multipliedBy(2))));
    }
}
