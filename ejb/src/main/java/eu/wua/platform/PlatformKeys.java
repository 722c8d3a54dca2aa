package eu.wua.platform;

import java.io.IOException;
import java.io.StringWriter;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJBException;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import eu.wua.wscd.KeyHandle;
import eu.wua.wscd.UnknownKey;
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

    /**
     * How long a node signs with a key's record as it read it: every WIA, KA and status list is
     * signed with one, and reading and decoding it per signature was a tenth of a WIA's CPU. A chain
     * imported on another node reaches this one within this time; the key itself never changes.
     */
    static final Duration RECORD_KEPT = Duration.ofSeconds(30);

    private record Recorded(KeyHandle handle, List<X509Certificate> chain, Instant readAt) {
    }

    private final ConcurrentMap<PlatformKeyPurpose, Recorded> recorded = new ConcurrentHashMap<>();

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Wscd wscd;

    @Inject
    private PlatformKeyIssuance issuance;

    @Inject
    private Clock clock;

    /**
     * Each key in a transaction of its own, issuers first. When several nodes start together on an
     * empty database, one records each key; the others find it recorded and go on.
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void createMissingKeys() {
        List<String> created = new ArrayList<>();
        for (PlatformKeyPurpose purpose : PlatformKeyPurpose.values()) {
            try {
                if (issuance.createIfMissing(purpose)) {
                    created.add(purpose.label());
                }
            } catch (WscdException | CertificateException | EJBException e) {
                if (!issuance.exists(purpose)) {
                    throw new IllegalStateException("cannot create the platform key " + purpose.label() + ": " + e.getMessage(), e);
                }
                LOG.info(() -> "platform key " + purpose.label() + " was recorded by another node meanwhile");
            }
        }
        if (!created.isEmpty()) {
            LOG.info(() -> "created platform keys in the WSCD: " + String.join(", ", created));
        }
        try {
            List<String> problems = keysNotHeldByWscd();
            if (!problems.isEmpty()) {
                LOG.severe(() -> "the WSCD does not hold the platform keys recorded in the database (" + String.join("; ", problems)
                        + "): nothing can be signed. Check that the wua.wscd.* settings name the WSCD these keys were created in"
                        + " (the software backend's key directory, or the PKCS#11 library, slot and token); /health/ready stays DOWN until they do");
            }
        } catch (WscdException e) {
            LOG.warning(() -> "the platform keys could not be checked in the WSCD: " + e.getMessage());
        }
    }

    /**
     * The platform keys recorded in the database that the WSCD in use does not hold, or holds with
     * another public key than their certificate's: after a restart with another key directory or
     * token, every signature would fail, so the readiness check reports these instead of the
     * platform answering each request with a server error.
     */
    public List<String> keysNotHeldByWscd() throws WscdException {
        List<String> problems = new ArrayList<>();
        try (WscdConnection connection = wscd.connect()) {
            for (PlatformKeyPurpose purpose : PlatformKeyPurpose.values()) {
                PlatformKey key = em.find(PlatformKey.class, purpose.name());
                if (key == null) {
                    continue; // not created yet: createMissingKeys reports that
                }
                String label = purpose.label();
                try {
                    ECPublicKey held = connection.publicKey(new KeyHandle(key.getKeyHandle()));
                    byte[] certified = PemCertificates.decode(key.getCertificateChain()).get(0).getPublicKey().getEncoded();
                    if (!java.util.Arrays.equals(held.getEncoded(), certified)) {
                        problems.add(label + ": the WSCD's key " + key.getKeyHandle() + " is not the one its certificate names");
                    }
                } catch (UnknownKey e) {
                    problems.add(label + ": no key " + key.getKeyHandle() + " in the WSCD");
                } catch (CertificateException e) {
                    problems.add(label + ": the stored certificate chain does not parse");
                }
            }
        }
        return problems;
    }

    /** The certificate chain of a platform key, leaf first. */
    public List<X509Certificate> certificateChain(PlatformKeyPurpose purpose) {
        return recorded(purpose).chain();
    }

    /** Signs {@code data} with ES256 using the platform key in the WSCD. */
    public byte[] signEs256(PlatformKeyPurpose purpose, byte[] data) throws WscdException {
        KeyHandle handle = recorded(purpose).handle();
        try (WscdConnection connection = wscd.connect()) {
            return connection.signEs256(handle, data);
        }
    }

    /** A compact JWS over {@code header} and {@code payload}, signed with ES256 by the platform key in the WSCD. */
    public String signCompactJws(PlatformKeyPurpose purpose, jakarta.json.JsonObject header, jakarta.json.JsonObject payload)
            throws WscdException {
        try {
            return CompactJws.sign(header, payload, data -> signEs256(purpose, data));
        } catch (WscdException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the JWS could not be signed with " + purpose.label(), e);
        }
    }

    /** A PKCS#10 request (PEM) for the key of {@code purpose}, for a CA operated elsewhere to sign. */
    public String certificationRequest(PlatformKeyPurpose purpose) throws WscdException {
        PlatformKey key = record(purpose);
        KeyHandle handle = new KeyHandle(key.getKeyHandle());
        try (WscdConnection connection = wscd.connect()) {
            PKCS10CertificationRequest request;
            try {
                request = PlatformCertificates.certificationRequest(issuance.subject(purpose), connection.publicKey(handle),
                        data -> connection.signEs256(handle, data));
            } catch (PlatformCertificates.SignerFailure e) {
                if (e.getCause() instanceof WscdException wscd) {
                    throw wscd;
                }
                throw e;
            }
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
        recorded.remove(purpose);
    }

    private Recorded recorded(PlatformKeyPurpose purpose) {
        Instant now = clock.instant();
        Recorded kept = recorded.get(purpose);
        if (kept != null && now.isBefore(kept.readAt().plus(RECORD_KEPT))) {
            return kept;
        }
        PlatformKey key = record(purpose);
        try {
            Recorded read = new Recorded(new KeyHandle(key.getKeyHandle()), List.copyOf(PemCertificates.decode(key.getCertificateChain())), now);
            recorded.put(purpose, read);
            return read;
        } catch (CertificateException e) {
            throw new IllegalStateException("the stored chain of " + purpose.label() + " does not parse", e);
        }
    }

    private PlatformKey record(PlatformKeyPurpose purpose) {
        PlatformKey key = em.find(PlatformKey.class, purpose.name());
        if (key == null) {
            throw new IllegalStateException("no platform key " + purpose.name().toLowerCase(Locale.ROOT));
        }
        return key;
    }
}
