package eu.wua.platform;

import java.io.IOException;
import java.io.StringWriter;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import eu.wua.wscd.GeneratedKey;
import eu.wua.wscd.GeneratedKeyRollback;
import eu.wua.wscd.KeyHandle;
import eu.wua.wscd.KeyOwner;
import eu.wua.wscd.Wscd;
import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdException;

/**
 * The platform's own keys. At first start on an empty WSCD it creates each key of
 * {@link PlatformKeyPurpose} inside the WSCD, with certificates built by BouncyCastle and signed
 * there too; the certificates are stored in the database. A CA operated elsewhere can replace a
 * generated certificate: export a CSR, import the chain it signs.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@Lock(LockType.READ)
public class PlatformKeys {

    private static final Logger LOG = Logger.getLogger(PlatformKeys.class.getName());

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Wscd wscd;

    @Inject
    private GeneratedKeyRollback rollback;

    @Inject
    private PlatformSettings settings;

    private final Clock clock = Clock.systemUTC();

    /** Runs in one transaction: if any key fails, none is recorded and every generated key is destroyed. */
    @PostConstruct
    void createMissingKeys() {
        List<String> created = new ArrayList<>();
        for (PlatformKeyPurpose purpose : PlatformKeyPurpose.values()) {
            if (em.find(PlatformKey.class, purpose.name()) == null) {
                create(purpose);
                created.add(purpose.label());
            }
        }
        if (!created.isEmpty()) {
            LOG.info(() -> "created platform keys in the WSCD: " + String.join(", ", created));
        }
    }

    /** The certificate chain of a platform key, leaf first. */
    public List<X509Certificate> certificateChain(PlatformKeyPurpose purpose) {
        try {
            return PemCertificates.decode(record(purpose).getCertificateChain());
        } catch (CertificateException e) {
            throw new IllegalStateException("the stored chain of " + purpose.label() + " does not parse", e);
        }
    }

    /** Signs {@code data} with ES256 using the platform key in the WSCD. */
    public byte[] signEs256(PlatformKeyPurpose purpose, byte[] data) throws WscdException {
        KeyHandle handle = new KeyHandle(record(purpose).getKeyHandle());
        try (WscdConnection connection = wscd.connect()) {
            return connection.signEs256(handle, data);
        }
    }

    /** A PKCS#10 request (PEM) for the key of {@code purpose}, for a CA operated elsewhere to sign. */
    public String certificationRequest(PlatformKeyPurpose purpose) throws WscdException {
        PlatformKey key = record(purpose);
        KeyHandle handle = new KeyHandle(key.getKeyHandle());
        try (WscdConnection connection = wscd.connect()) {
            var request = PlatformCertificates.certificationRequest(subject(purpose), connection.publicKey(handle),
                    data -> connection.signEs256(handle, data));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(request);
            }
            return pem.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the CSR", e);
        }
    }

    /**
     * Replaces the generated certificate chain of {@code purpose} with one an external CA issued.
     * The leaf must certify the very key the WSCD holds.
     */
    @Lock(LockType.WRITE)
    public void importCertificateChain(PlatformKeyPurpose purpose, String pemChain) throws WscdException, CertificateException {
        PlatformKey key = record(purpose);
        List<X509Certificate> chain = PemCertificates.decode(pemChain);
        ECPublicKey held;
        try (WscdConnection connection = wscd.connect()) {
            held = connection.publicKey(new KeyHandle(key.getKeyHandle()));
        }
        if (!java.util.Arrays.equals(held.getEncoded(), chain.get(0).getPublicKey().getEncoded())) {
            throw new CertificateException("the certificate does not certify the " + purpose.label() + " key held in the WSCD");
        }
        chain.get(0).checkValidity();
        key.replaceCertificateChain(PemCertificates.encode(chain));
    }

    private void create(PlatformKeyPurpose purpose) {
        Instant now = clock.instant();
        // a fresh label per creation: keys of an earlier, rolled-back attempt never collide
        String label = purpose.label() + "-" + Long.toHexString(now.toEpochMilli());
        try (WscdConnection connection = wscd.connect()) {
            GeneratedKey key = connection.generateKey(KeyOwner.PLATFORM, label);
            rollback.destroyOnRollback(key.handle());
            List<X509Certificate> chain = certify(purpose, key, connection, now.minus(5, ChronoUnit.MINUTES));
            em.persist(new PlatformKey(purpose.name(), key.handle().value(), PemCertificates.encode(chain), now));
            em.flush();
        } catch (WscdException | CertificateException e) {
            throw new IllegalStateException("cannot create the platform key " + purpose.label() + ": " + e.getMessage(), e);
        }
    }

    private List<X509Certificate> certify(PlatformKeyPurpose purpose, GeneratedKey key, WscdConnection connection,
            Instant notBefore) throws CertificateException {
        Es256Signer own = data -> connection.signEs256(key.handle(), data);
        if (purpose.issuer() == null) {
            X509Certificate certificate = purpose.isCa()
                    ? PlatformCertificates.selfSignedCa(subject(purpose), key.publicKey(), own, notBefore, purpose.validity())
                    : PlatformCertificates.selfSignedSigningCertificate(subject(purpose), key.publicKey(), own, notBefore, purpose.validity());
            return List.of(certificate);
        }
        PlatformKey issuerKey = em.find(PlatformKey.class, purpose.issuer().name());
        List<X509Certificate> issuerChain = PemCertificates.decode(issuerKey.getCertificateChain());
        KeyHandle issuerHandle = new KeyHandle(issuerKey.getKeyHandle());
        X509Certificate leaf = PlatformCertificates.issueSigningCertificate(subject(purpose), key.publicKey(),
                issuerChain.get(0), data -> connection.signEs256(issuerHandle, data), notBefore, purpose.validity());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(issuerChain);
        return chain;
    }

    private X500Name subject(PlatformKeyPurpose purpose) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, settings.organisation() + " " + purpose.commonNameSuffix())
                .addRDN(BCStyle.O, settings.organisation())
                .build();
    }

    private PlatformKey record(PlatformKeyPurpose purpose) {
        PlatformKey key = em.find(PlatformKey.class, purpose.name());
        if (key == null) {
            throw new IllegalStateException("no platform key " + purpose.name().toLowerCase(Locale.ROOT));
        }
        return key;
    }
}
