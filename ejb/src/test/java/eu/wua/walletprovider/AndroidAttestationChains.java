package eu.wua.walletprovider;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Android key attestation chains made with BouncyCastle, shaped like a device's: an attestation
 * root, an intermediate, and a leaf certifying the attested key with a KeyDescription extension.
 */
public final class AndroidAttestationChains {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    public final X509Certificate root;
    private final KeyPair intermediateKey = newKey();
    private final X509Certificate intermediate;
    private final Instant now;

    public AndroidAttestationChains(Instant now) throws Exception {
        this(now, newKey(), null);
    }

    public AndroidAttestationChains(Instant now, KeyPair rootKey) throws Exception {
        this(now, rootKey, null);
    }

    /** Under a given root (certificate and key), so that a server configured with that root accepts the chains. */
    public AndroidAttestationChains(Instant now, KeyPair rootKey, X509Certificate rootCertificate) throws Exception {
        this.now = now;
        this.root = rootCertificate != null ? rootCertificate
                : ca(new X500Name("CN=Test Android Attestation Root"), rootKey.getPublic(), null, rootKey, 1);
        this.intermediate = ca(new X500Name("CN=Test Android Attestation Intermediate"), intermediateKey.getPublic(), root, rootKey, 0);
    }

    public static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Leaf first, root last, as Android's KeyStore returns a chain. */
    public List<X509Certificate> chain(PublicKey attestedKey, String challenge, int attestationLevel, int keyMintLevel) throws Exception {
        return List.of(leaf(attestedKey, keyDescription(challenge, attestationLevel, keyMintLevel)), intermediate, root);
    }

    public List<X509Certificate> chainWithoutKeyDescription(PublicKey attestedKey) throws Exception {
        return List.of(leaf(attestedKey, null), intermediate, root);
    }

    static DERSequence keyDescription(String challenge, int attestationLevel, int keyMintLevel) {
        return new DERSequence(new ASN1Encodable[] {
            new ASN1Integer(300),                       // attestationVersion (KeyMint 300)
            new ASN1Enumerated(attestationLevel),       // attestationSecurityLevel
            new ASN1Integer(300),                       // keyMintVersion
            new ASN1Enumerated(keyMintLevel),           // keyMintSecurityLevel
            new DEROctetString(challenge.getBytes(StandardCharsets.UTF_8)),
            new DEROctetString(new byte[0]),            // uniqueId
            new DERSequence(),                          // softwareEnforced
            new DERSequence(),                          // hardwareEnforced
        });
    }

    private X509Certificate leaf(PublicKey attestedKey, DERSequence keyDescription) throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()), BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(365))),
                new X500Name("CN=Android Keystore Key"), attestedKey);
        if (keyDescription != null) {
            builder.addExtension(new ASN1ObjectIdentifier(AndroidKeyAttestationVerifier.KEY_DESCRIPTION_OID), false, keyDescription);
        }
        return sign(builder, intermediateKey);
    }

    private X509Certificate ca(X500Name subject, PublicKey key, X509Certificate issuer, KeyPair issuerKey, int pathLength) throws Exception {
        X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject, key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        return sign(builder, issuerKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }
}
