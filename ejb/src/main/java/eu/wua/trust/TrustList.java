package eu.wua.trust;

import java.security.cert.CertificateException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.platform.PemCertificates;

/**
 * Decides whether an {@code x5c} chain comes from a Wallet Provider the issuer trusts: PKIX path
 * validation ({@link ProviderChains}) to the anchors of each trusted entry in the database. A chain
 * validated before is recognised ({@link ValidatedChains}) instead of being validated again.
 */
@Stateless
@LocalBean
@Local(WalletProviderTrust.class)
public class TrustList implements WalletProviderTrust {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    /** Shared by the pooled instances of this bean: one node's memory of chains it validated. */
    private static final ValidatedChains VALIDATED = new ValidatedChains(1024);

    @Override
    public TrustedChain validate(List<X509Certificate> x5c, Instant at) throws UntrustedChain {
        ProviderChains.requireUsableLeaf(x5c);
        List<TrustedWalletProvider> providers = em.createQuery(
                "SELECT p FROM TrustedWalletProvider p ORDER BY p.createdAt", TrustedWalletProvider.class)
                .getResultList();
        String chain = ValidatedChains.digest(x5c);
        Optional<TrustedChain> known = validatedBefore(chain, providers, x5c, at);
        if (known.isPresent()) {
            return known.get();
        }
        String lastReason = "no Wallet Provider is on the trust list";
        for (TrustedWalletProvider provider : providers) {
            Set<TrustAnchor> anchors = anchors(provider);
            if (anchors.isEmpty()) {
                continue;
            }
            try {
                ProviderChains.validatePath(x5c, anchors, at);
            } catch (GeneralSecurityException e) {
                lastReason = "the chain does not validate to a trusted Wallet Provider (" + e.getMessage() + ")";
                continue;
            }
            VALIDATED.remember(chain, ValidatedChains.entry(provider.getId(), anchorSet(provider), x5c));
            return trusted(provider, x5c, at);
        }
        throw new UntrustedChain(lastReason, false);
    }

    @Override
    public boolean servesStatusListsFrom(String walletProviderId, java.net.URI uri) {
        TrustedWalletProvider provider = walletProviderId == null ? null : em.find(TrustedWalletProvider.class, walletProviderId);
        return provider != null && StatusListHosts.allows(StatusListHosts.of(provider.getIdentifier(), provider.getStatusListHosts()), uri);
    }

    /** A chain validated before against the same provider's same anchors, still inside its validity. */
    private static Optional<TrustedChain> validatedBefore(String chain, List<TrustedWalletProvider> providers, List<X509Certificate> x5c,
            Instant at) throws UntrustedChain {
        Optional<ValidatedChains.Entry> entry = VALIDATED.find(chain).filter(e -> e.covers(at));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        for (TrustedWalletProvider provider : providers) {
            if (provider.getId().equals(entry.get().providerId()) && anchorSet(provider).equals(entry.get().anchors())) {
                return Optional.of(trusted(provider, x5c, at));
            }
        }
        return Optional.empty();
    }

    /** The provider the chain leads to, if it is trusted at {@code at}: not withdrawn or suspended, and vouched for by a current list. */
    private static TrustedChain trusted(TrustedWalletProvider provider, List<X509Certificate> x5c, Instant at) throws UntrustedChain {
        if (provider.getState() == TrustState.WITHDRAWN) {
            throw new UntrustedChain("the chain leads to " + provider.getName() + ", whose trust was withdrawn", true);
        }
        if (provider.getState() == TrustState.SUSPENDED) {
            throw new UntrustedChain("the chain leads to " + provider.getName() + ", which the List of Trusted Entities suspends", true);
        }
        if (provider.isLocallySuspended()) {
            throw new UntrustedChain("the chain leads to " + provider.getName() + ", which an administrator of this platform suspended", true);
        }
        if (provider.getOrigin() == TrustOrigin.LOTE && (provider.getListedUntil() == null || !at.isBefore(provider.getListedUntil()))) {
            throw new UntrustedChain("the chain leads to " + provider.getName() + ", but the List of Trusted Entities that lists it passed its"
                    + " NextUpdate (" + provider.getListedUntil() + ") and no current list has been taken in since", false);
        }
        return new TrustedChain(provider.getId(), provider.getName(), x5c.get(0));
    }

    /** The provider's anchors as they stand now (their fingerprints, sorted). */
    private static String anchorSet(TrustedWalletProvider provider) {
        return String.join(",", provider.getTrustAnchors().stream().map(eu.wua.trust.TrustAnchor::getSha256Fingerprint).sorted().toList());
    }

    private static Set<TrustAnchor> anchors(TrustedWalletProvider provider) {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (eu.wua.trust.TrustAnchor stored : provider.getTrustAnchors()) {
            try {
                for (X509Certificate certificate : PemCertificates.decode(stored.getCertificate())) {
                    anchors.add(new TrustAnchor(certificate, null));
                }
            } catch (CertificateException e) {
                // a stored anchor that no longer parses trusts nothing; the others still count
            }
        }
        return anchors;
    }
}
