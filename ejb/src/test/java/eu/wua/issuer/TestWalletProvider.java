package eu.wua.issuer;

import java.math.BigInteger;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;

/**
 * A Wallet Provider of the test's own (a CA and a signing certificate made with BouncyCastle), to
 * mint the attestations our Wallet Provider would never sign: expired, wrong typ, from an
 * untrusted or a withdrawn provider. Shared with the web module's integration tests (test-jar).
 */
public final class TestWalletProvider {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    public final X509Certificate ca;
    public final X509Certificate signer;
    private final KeyPair signerKey;

    public TestWalletProvider(String name) throws Exception {
        this(name, Instant.now());
    }

    /** Certificates valid from a day before {@code now} to a year after it. */
    public TestWalletProvider(String name, Instant now) throws Exception {
        KeyPair caKey = key();
        signerKey = key();
        X500Name caName = new X500Name("CN=" + name + " CA");
        ca = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), caName, caKey.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
        signer = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(caName,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))),
                new X500Name("CN=" + name + " Attestations"), signerKey.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
    }

    public static KeyPair key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    public String caPem() throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(ca.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    /** A JWS over {@code claims}, typ as given, ES256 by the signing certificate, x5c that certificate. */
    public String sign(String typ, Map<String, Object> claims) throws Exception {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", typ);
        return sign(header, claims);
    }

    /** A JWS with the header members given (alg ES256 and x5c added unless given), signed by the signing certificate. */
    public String sign(Map<String, Object> header, Map<String, Object> claims) throws Exception {
        Map<String, Object> full = new LinkedHashMap<>(header);
        full.putIfAbsent("alg", "ES256");
        full.putIfAbsent("x5c", java.util.List.of(Base64.getEncoder().encodeToString(signer.getEncoded())));
        return jws(full, claims, signerKey.getPrivate());
    }

    /** A JWS over any payload text (not necessarily JSON), typ as given, signed by the signing certificate. */
    public String signRaw(String typ, String payload) throws Exception {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", typ);
        header.put("alg", "ES256");
        header.put("x5c", java.util.List.of(Base64.getEncoder().encodeToString(signer.getEncoded())));
        return jwsRaw(header, payload, signerKey.getPrivate());
    }

    /** A JWS with exactly {@code header} (its alg decides the algorithm), signed with {@code key}. */
    public static String jws(Map<String, Object> header, Map<String, Object> claims, Key key) throws Exception {
        return jwsRaw(header, JsonUtil.toJson(claims), key);
    }

    /** A JWS over any payload text with exactly {@code header}, signed with {@code key}. */
    public static String jwsRaw(Map<String, Object> header, String payload, Key key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        header.forEach((name, value) -> jws.getHeaders().setObjectHeaderValue(name, value));
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        if (key != null) {
            jws.setKey(key);
        }
        return jws.getCompactSerialization();
    }
}
