package eu.wua.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

class PlatformCertificatesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static KeyPair newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Stands in for the WSCD: a software key answering r‖s, as the adapter does. */
    private static Es256Signer signerOf(KeyPair key) {
        return data -> {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key.getPrivate());
            signature.update(data);
            return signature.sign();
        };
    }

    private static void validate(List<X509Certificate> chain, X509Certificate root, Instant at) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(java.util.Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
    }

    @Test
    void aLeafIssuedByTheSelfSignedCaValidatesWithPkixToThatCa() throws Exception {
        KeyPair caKey = newKey();
        KeyPair leafKey = newKey();
        X509Certificate ca = PlatformCertificates.selfSignedCa(new X500Name("CN=Test WP CA,O=Test"), caKey.getPublic(),
                signerOf(caKey), NOW, Duration.ofDays(3650));
        X509Certificate leaf = PlatformCertificates.issueSigningCertificate(new X500Name("CN=Test WP,O=Test"),
                leafKey.getPublic(), ca, signerOf(caKey), NOW, Duration.ofDays(730));

        validate(List.of(leaf), ca, NOW.plus(Duration.ofDays(1)));

        assertEquals(0, ca.getBasicConstraints(), "the CA may sign end-entity certificates only");
        assertEquals(-1, leaf.getBasicConstraints(), "the leaf is no CA");
        assertTrue(leaf.getKeyUsage()[0], "digitalSignature");
        assertTrue(ca.getKeyUsage()[5], "keyCertSign");
    }

    @Test
    void theChainDoesNotValidateAfterTheLeafExpiresNorAgainstAnotherCa() throws Exception {
        KeyPair caKey = newKey();
        KeyPair otherCaKey = newKey();
        X509Certificate ca = PlatformCertificates.selfSignedCa(new X500Name("CN=CA"), caKey.getPublic(), signerOf(caKey), NOW, Duration.ofDays(3650));
        X509Certificate otherCa = PlatformCertificates.selfSignedCa(new X500Name("CN=CA"), otherCaKey.getPublic(), signerOf(otherCaKey), NOW, Duration.ofDays(3650));
        X509Certificate leaf = PlatformCertificates.issueSigningCertificate(new X500Name("CN=Leaf"), newKey().getPublic(), ca,
                signerOf(caKey), NOW, Duration.ofDays(730));

        assertEquals(CertPathValidatorException.BasicReason.EXPIRED,
                assertThrows(CertPathValidatorException.class, () -> validate(List.of(leaf), ca, NOW.plus(Duration.ofDays(731)))).getReason());
        assertEquals(PKIXReason.NO_TRUST_ANCHOR,
                assertThrows(CertPathValidatorException.class, () -> validate(List.of(leaf), otherCa, NOW.plus(Duration.ofDays(1)))).getReason());
    }

    @Test
    void aCertificationRequestCarriesTheKeyAndVerifies() throws Exception {
        KeyPair key = newKey();
        var request = PlatformCertificates.certificationRequest(new X500Name("CN=Issuer,O=Test"), key.getPublic(), signerOf(key));

        assertTrue(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key.getPublic())));
        assertEquals("CN=Issuer,O=Test", request.getSubject().toString());
    }

    @Test
    void pemEncodingRoundTripsAChain() throws Exception {
        KeyPair caKey = newKey();
        X509Certificate ca = PlatformCertificates.selfSignedCa(new X500Name("CN=CA"), caKey.getPublic(), signerOf(caKey), NOW, Duration.ofDays(10));
        X509Certificate leaf = PlatformCertificates.issueSigningCertificate(new X500Name("CN=Leaf"), newKey().getPublic(), ca,
                signerOf(caKey), NOW, Duration.ofDays(5));

        assertEquals(List.of(leaf, ca), PemCertificates.decode(PemCertificates.encode(List.of(leaf, ca))));
    }

    @Test
    void aSignatureOfTheWrongLengthIsRefusedBeforeDerEncoding() {
        assertThrows(java.io.IOException.class, () -> PlatformCertificates.toDer(new byte[63]));
    }
}
