package eu.wua.issuer;

import java.security.GeneralSecurityException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import eu.wua.trust.ProviderChains;
import eu.wua.trust.TrustedChain;
import eu.wua.trust.UntrustedChain;
import eu.wua.trust.WalletProviderTrust;

/** The trust list without a database: Wallet Providers and their CA certificates, validated by the platform's own PKIX rules. */
final class InMemoryTrustList implements WalletProviderTrust {

    private record Provider(X509Certificate anchor, boolean withdrawn) {
    }

    private final Map<String, Provider> providers = new LinkedHashMap<>();

    InMemoryTrustList trust(String id, TestWalletProvider provider) {
        providers.put(id, new Provider(provider.ca, false));
        return this;
    }

    InMemoryTrustList withdraw(String id) {
        providers.computeIfPresent(id, (key, provider) -> new Provider(provider.anchor(), true));
        return this;
    }

    @Override
    public TrustedChain validate(List<X509Certificate> x5c, Instant at) throws UntrustedChain {
        ProviderChains.requireUsableLeaf(x5c);
        for (Map.Entry<String, Provider> entry : providers.entrySet()) {
            try {
                ProviderChains.validatePath(x5c, Set.of(new TrustAnchor(entry.getValue().anchor(), null)), at);
            } catch (GeneralSecurityException e) {
                continue;
            }
            if (entry.getValue().withdrawn()) {
                throw new UntrustedChain("the chain leads to " + entry.getKey() + ", whose trust was withdrawn", true);
            }
            return new TrustedChain(entry.getKey(), entry.getKey(), x5c.get(0));
        }
        throw new UntrustedChain("the chain does not validate to a trusted Wallet Provider", false);
    }

    /** Status lists here are decoded in memory ({@link EncodedStatusLists}): no host is asked. */
    @Override
    public boolean servesStatusListsFrom(String walletProviderId, java.net.URI uri) {
        return providers.containsKey(walletProviderId);
    }
}
