package eu.wua.walletprovider;

import java.time.Instant;

/** A checked instance proof: signed by the instance key, for this Wallet Provider, fresh. */
public record InstanceProof(String jti, String nonce, Instant issuedAt) {
}
