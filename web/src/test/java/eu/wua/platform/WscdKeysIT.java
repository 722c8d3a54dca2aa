package eu.wua.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.testing.Deployments;
import eu.wua.wscd.GeneratedKey;
import eu.wua.wscd.GeneratedKeyRollback;
import eu.wua.wscd.KeyOwner;
import eu.wua.wscd.Wscd;
import eu.wua.wscd.WscdConnection;

/** The WSCD inside the running platform: keys and transactions, and certificates from a CA elsewhere. */
@ExtendWith(ArquillianExtension.class)
class WscdKeysIT {

    @Deployment
    static Archive<?> packagedPlatform() {
        return Deployments.packagedPlatform(WscdKeysIT.class);
    }

    @Inject
    Wscd wscd;

    @Inject
    GeneratedKeyRollback rollback;

    @Inject
    UserTransaction transaction;

    @Inject
    PlatformKeys platformKeys;

    @Test
    void aKeyGeneratedInATransactionThatRollsBackIsDestroyed() throws Exception {
        KeyOwner owner = new KeyOwner("rollback-" + UUID.randomUUID());
        transaction.begin();
        try (WscdConnection connection = wscd.connect()) {
            GeneratedKey key = connection.generateKey(owner, "orphan");
            rollback.destroyOnRollback(key.handle());
            assertEquals(List.of(key.handle()), connection.keysOf(owner), "the key exists while the transaction runs");
        }
        transaction.rollback();

        try (WscdConnection connection = wscd.connect()) {
            assertEquals(List.of(), connection.keysOf(owner), "no orphan key is left in the WSCD");
        }
    }

    @Test
    void aKeyGeneratedInATransactionThatCommitsIsKept() throws Exception {
        KeyOwner owner = new KeyOwner("commit-" + UUID.randomUUID());
        transaction.begin();
        GeneratedKey key;
        try (WscdConnection connection = wscd.connect()) {
            key = connection.generateKey(owner, "kept");
            rollback.destroyOnRollback(key.handle());
        }
        transaction.commit();

        try (WscdConnection connection = wscd.connect()) {
            assertEquals(List.of(key.handle()), connection.keysOf(owner));
            connection.destroy(key.handle());
        }
    }

    @Test
    void aCertificateIssuedElsewhereForThePlatformsCsrReplacesTheGeneratedOne() throws Exception {
        String csrPem = platformKeys.certificationRequest(PlatformKeyPurpose.ISSUER_STATUS_LIST);
        PKCS10CertificationRequest csr;
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            csr = (PKCS10CertificationRequest) parser.readObject();
        }
        assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(csr.getSubjectPublicKeyInfo())),
                "the WSCD signed the CSR with the key it names");

        KeyPair externalCa = newKey();
        X509Certificate caCertificate = selfSigned(externalCa, "CN=External PID CA");
        X509Certificate issued = issue(externalCa, caCertificate, csr);
        platformKeys.importCertificateChain(PlatformKeyPurpose.ISSUER_STATUS_LIST,
                PemCertificates.encode(List.of(issued, caCertificate)));

        List<X509Certificate> chain = platformKeys.certificateChain(PlatformKeyPurpose.ISSUER_STATUS_LIST);
        assertEquals(List.of(issued, caCertificate), chain);
        byte[] data = {4, 2};
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(chain.get(0).getPublicKey());
        verifier.update(data);
        assertTrue(verifier.verify(platformKeys.signEs256(PlatformKeyPurpose.ISSUER_STATUS_LIST, data)));
    }

    @Test
    void aCertificateForAnotherKeyIsRefusedAndTheChainStaysAsItWas() throws Exception {
        List<X509Certificate> before = platformKeys.certificateChain(PlatformKeyPurpose.WALLET_PROVIDER_STATUS_LIST);
        KeyPair stranger = newKey();
        X509Certificate foreign = selfSigned(stranger, "CN=Not the platform's key");

        CertificateException e = assertThrows(CertificateException.class, () -> platformKeys.importCertificateChain(
                PlatformKeyPurpose.WALLET_PROVIDER_STATUS_LIST, PemCertificates.encode(List.of(foreign))));

        assertTrue(e.getMessage().contains("does not certify"), e.getMessage());
        assertArrayEquals(before.get(0).getEncoded(),
                platformKeys.certificateChain(PlatformKeyPurpose.WALLET_PROVIDER_STATUS_LIST).get(0).getEncoded());
    }

    private static KeyPair newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair key, String name) throws Exception {
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(new X500Name(name),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name(name), key.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    private static X509Certificate issue(KeyPair ca, X509Certificate caCertificate, PKCS10CertificationRequest csr) throws Exception {
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()), BigInteger.valueOf(now.toEpochMilli() + 1),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(30))), csr.getSubject(),
                new JcaPKCS10CertificationRequest(csr).setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).getPublicKey()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
    }

    @Test
    void everyRecordedPlatformKeyIsInTheWscd() throws Exception {
        assertEquals(List.of(), platformKeys.keysNotHeldByWscd());
    }

    /** A key is taken away by moving its file, which only the software WSCD has. */
    @Test
    @EnabledIfSystemProperty(named = "it.wscd.backend", matches = "software")
    void aPlatformKeyMissingFromTheWscdTurnsReadinessDown() throws Exception {
        Path platformDirectory = Path.of(System.getProperty("wua.wscd.key-store-file"))
                .resolveSibling("keys").resolve("o-platform");
        // earlier deployments of the suite left keys of their own databases there: take the one this database certified
        String certified = Base64.getEncoder().encodeToString(
                platformKeys.certificateChain(PlatformKeyPurpose.WALLET_PROVIDER_SIGNING).get(0).getPublicKey().getEncoded());
        Path keyFile = null;
        try (var files = Files.newDirectoryStream(platformDirectory, "k-wallet-provider-signing-*.key")) {
            for (Path file : files) {
                Properties properties = new Properties();
                try (var in = Files.newInputStream(file)) {
                    properties.load(in);
                }
                if (certified.equals(properties.getProperty("public"))) {
                    keyFile = file;
                }
            }
        }
        assertTrue(keyFile != null, "the key file of the recorded wallet-provider-signing key is in " + platformDirectory);
        Path aside = keyFile.resolveSibling("moved-aside");
        Files.move(keyFile, aside);
        try {
            List<String> problems = platformKeys.keysNotHeldByWscd();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("wallet-provider-signing: no key platform/wallet-provider-signing-"), problems.get(0));
            HttpResponse<String> ready = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + System.getProperty("it.port") + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("no key platform/wallet-provider-signing-"), ready.body());
        } finally {
            Files.move(aside, keyFile);
        }
        assertEquals(List.of(), platformKeys.keysNotHeldByWscd(), "back in place, the key is found again");
    }
}
