package eu.wua.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Whether an {@code x5c} chain comes from a Wallet Provider the issuer trusts, at the time of use:
 * what the issuer's verifiers ask of the trust list ({@link TrustList} answers it from the database).
 */
public interface WalletProviderTrust {

    TrustedChain validate(List<X509Certificate> x5c, Instant at) throws UntrustedChain;

    /** Whether the provider's status lists may be fetched from {@code uri} ({@link StatusListHosts}); false for an unknown provider. */
    boolean servesStatusListsFrom(String walletProviderId, java.net.URI uri);
}
