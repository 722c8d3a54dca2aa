package eu.wua.trust;

import java.security.cert.X509Certificate;

/** A chain validated to the anchors of a trusted Wallet Provider: who it is, and the leaf that signs. */
public record TrustedChain(String walletProviderId, String walletProviderName, X509Certificate leaf) {
}
