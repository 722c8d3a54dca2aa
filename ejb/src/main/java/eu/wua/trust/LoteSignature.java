package eu.wua.trust;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.signature.SignatureCryptographicVerification;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.signature.AdvancedSignature;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.validation.analyzer.DefaultDocumentAnalyzer;
import eu.europa.esig.dss.spi.validation.analyzer.DocumentAnalyzer;
import eu.europa.esig.dss.spi.x509.CertificateValidity;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;

/**
 * The signature of a List of Trusted Entities, checked by the EU's DSS: JAdES over the JSON form, XAdES
 * enveloping the XML form (TS 119 602 §7). The list is taken only when it carries exactly one signature,
 * that signature verifies over the content, and its signer is one of the certificates pinned in
 * configuration and valid now. What is read afterwards is the content that signature covers, never the
 * document around it. Nothing here fetches anything: no AIA, OCSP or CRL (the signer is pinned).
 */
public final class LoteSignature {

    public enum Format {
        JADES,
        XADES
    }

    /** The signed content (the JSON payload, or the XML document without its signature) and who signed it. */
    public record SignedList(byte[] content, Format format, X509Certificate signer) {
    }

    private LoteSignature() {
    }

    public static SignedList verify(byte[] document, List<X509Certificate> pinned, Instant at) throws LoteRefused {
        if (pinned.isEmpty()) {
            throw new LoteRefused("no signer certificate of the list is pinned (wua.trust.lote.signer-certificates)");
        }
        Format format = formatOf(document);
        DocumentAnalyzer analyzer;
        try {
            analyzer = DefaultDocumentAnalyzer.fromDocument(new InMemoryDocument(document));
        } catch (RuntimeException e) {
            throw new LoteRefused("the list is not a JAdES or XAdES signed document: " + e.getMessage());
        }
        analyzer.setCertificateVerifier(offlineVerifier(pinned));
        List<AdvancedSignature> signatures = signatures(analyzer);
        if (signatures.size() != 1) {
            throw new LoteRefused("the list carries " + signatures.size() + " signatures; exactly one is read");
        }
        AdvancedSignature signature = signatures.get(0);
        requireIntact(signature);
        X509Certificate signer = requirePinnedSigner(signature, pinned, at);
        return new SignedList(signedContent(analyzer, signature), format, signer);
    }

    private static Format formatOf(byte[] document) throws LoteRefused {
        for (byte b : document) {
            if (!Character.isWhitespace(b)) {
                return b == '<' ? Format.XADES : Format.JADES;
            }
        }
        throw new LoteRefused("the list is empty");
    }

    private static CommonCertificateVerifier offlineVerifier(List<X509Certificate> pinned) {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setAIASource(null);
        verifier.setOcspSource(null);
        verifier.setCrlSource(null);
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        pinned.forEach(certificate -> trusted.addCertificate(new CertificateToken(certificate)));
        verifier.setTrustedCertSources(trusted);
        return verifier;
    }

    private static List<AdvancedSignature> signatures(DocumentAnalyzer analyzer) throws LoteRefused {
        try {
            return analyzer.getSignatures();
        } catch (RuntimeException e) {
            throw new LoteRefused("the list's signature cannot be read: " + e.getMessage());
        }
    }

    private static void requireIntact(AdvancedSignature signature) throws LoteRefused {
        try {
            signature.checkSignatureIntegrity();
        } catch (RuntimeException e) {
            throw new LoteRefused("the list's signature cannot be checked: " + e.getMessage());
        }
        SignatureCryptographicVerification verification = signature.getSignatureCryptographicVerification();
        if (!verification.isReferenceDataFound() || !verification.isReferenceDataIntact()) {
            throw new LoteRefused("the list's signature does not verify over its content: the signed data changed");
        }
        if (!verification.isSignatureIntact()) {
            throw new LoteRefused("the list's signature does not verify"
                    + (verification.getErrorMessage() == null || verification.getErrorMessage().isBlank() ? "" : ": " + verification.getErrorMessage()));
        }
    }

    private static X509Certificate requirePinnedSigner(AdvancedSignature signature, List<X509Certificate> pinned, Instant at) throws LoteRefused {
        CertificateValidity candidate = signature.getCandidatesForSigningCertificate().getTheBestCandidate();
        CertificateToken token = candidate == null ? null : candidate.getCertificateToken();
        if (token == null) {
            throw new LoteRefused("the list's signer certificate is neither in the signature nor pinned");
        }
        for (X509Certificate certificate : pinned) {
            if (sameCertificate(certificate, token)) {
                if (at.isBefore(certificate.getNotBefore().toInstant()) || at.isAfter(certificate.getNotAfter().toInstant())) {
                    throw new LoteRefused("the list's signer certificate " + certificate.getSubjectX500Principal().getName() + " is not valid now (valid "
                            + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")");
                }
                return certificate;
            }
        }
        throw new LoteRefused("the list is signed by " + token.getSubject().getRFC2253() + ", which is not a pinned signer certificate");
    }

    private static boolean sameCertificate(X509Certificate certificate, CertificateToken token) {
        try {
            return Arrays.equals(certificate.getEncoded(), token.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    private static byte[] signedContent(DocumentAnalyzer analyzer, AdvancedSignature signature) throws LoteRefused {
        List<DSSDocument> originals = analyzer.getOriginalDocuments(signature);
        if (originals.size() != 1) {
            throw new LoteRefused("the list's signature covers " + originals.size() + " documents; exactly one is read");
        }
        try (var content = originals.get(0).openStream()) {
            return content.readAllBytes();
        } catch (IOException e) {
            throw new LoteRefused("the list's signed content cannot be read", e);
        }
    }
}
