package eu.wua.trust;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import eu.wua.platform.SignatureVerification;

/**
 * PKIX validation of an {@code x5c} chain to one Wallet Provider's anchors ({@link SignatureVerification#validatePath}:
 * signatures, validity at the time of use, basic constraints, key usage of the CAs; no network).
 * The leaf must be allowed to sign and must not be self-signed, and the anchor does not travel in
 * x5c (HAIP §6.1.1).
 */
public final class ProviderChains {

    private ProviderChains() {
    }

    public static void requireUsableLeaf(List<X509Certificate> x5c) throws UntrustedChain {
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

    public static void validatePath(List<X509Certificate> x5c, Set<TrustAnchor> anchors, Instant at) throws GeneralSecurityException {
        try {
            SignatureVerification.validatePath(x5c, anchors, at);
        } catch (CertPathValidatorException e) {
            throw new CertPathValidatorException(e.getReason() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }
}
