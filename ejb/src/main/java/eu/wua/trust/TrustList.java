package eu.wua.trust;

import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.platform.PemCertificates;

/**
 * Decides whether an {@code x5c} chain comes from a Wallet Provider the issuer trusts: PKIX path
 * validation (JDK CertPathValidator: signatures, validity at the time of use, basic constraints,
 * key usage of the CAs; no network) to the anchors of each trusted entry. The leaf must be allowed
 * to sign and must not be self-signed, and the anchor does not travel in x5c (HAIP §6.1.1). A chain
 * validated before is recognised ({@link ValidatedChains}) instead of being validated again.
 */
@Stateless
public class TrustList {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    /** Shared by the pooled instances of this bean: one node's memory of chains it validated. */
    private static final ValidatedChains VALIDATED = new ValidatedChains(1024);

    public TrustedChain validate(List<X509Certificate> x5c, Instant at) throws UntrustedChain {
        requireUsableLeaf(x5c);
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
                validatePath(x5c, anchors, at);
            } catch (GeneralSecurityException e) {
                lastReason = "the chain does not validate to a trusted Wallet Provider (" + e.getMessage() + ")";
                continue;
            }
            VALIDATED.remember(chain, ValidatedChains.entry(provider.getId(), anchorSet(provider), x5c));
            return trusted(provider, x5c);
        }
        throw new UntrustedChain(lastReason, false);
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
                return Optional.of(trusted(provider, x5c));
            }
        }
        return Optional.empty();
    }

    private static TrustedChain trusted(TrustedWalletProvider provider, List<X509Certificate> x5c) throws UntrustedChain {
        if (provider.getState() == TrustState.WITHDRAWN) {
            throw new UntrustedChain("the chain leads to " + provider.getName() + ", whose trust was withdrawn", true);
        }
        return new TrustedChain(provider.getId(), provider.getName(), x5c.get(0));
    }

    /** The provider's anchors as they stand now (their fingerprints, sorted). */
    private static String anchorSet(TrustedWalletProvider provider) {
        return String.join(",", provider.getTrustAnchors().stream().map(eu.wua.trust.TrustAnchor::getSha256Fingerprint).sorted().toList());
    }

    private static void requireUsableLeaf(List<X509Certificate> x5c) throws UntrustedChain {
        if (x5c == null || x5c.isEmpty()) {
            throw new UntrustedChain("the x5c header is missing or empty", false);
        }
        X509Certificate leaf = x5c.get(0);
        if (leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            throw new UntrustedChain("the x5c signer certificate is self-signed", false);
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !keyUsage[0]) {
            throw new UntrustedChain("the x5c signer certificate may not sign (no digitalSignature key usage)", false);
        }
    }

    private static void validatePath(List<X509Certificate> x5c, Set<TrustAnchor> anchors, Instant at) throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        try {
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(x5c), parameters);
        } catch (CertPathValidatorException e) {
            throw new CertPathValidatorException(e.getReason() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
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
