package eu.wua.trust;

/**
 * Announced, in the transaction that withdraws it, when a Wallet Provider's trust is withdrawn:
 * whatever rests on its attestations (the issuer's credentials) is revoked by whoever observes it.
 */
public record WalletProviderWithdrawn(String walletProviderId, String reason, String actor) {
}
