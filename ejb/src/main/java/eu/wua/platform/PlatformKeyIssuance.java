package eu.wua.platform;

import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

import eu.wua.wscd.GeneratedKey;
import eu.wua.wscd.GeneratedKeyRollback;
import eu.wua.wscd.KeyHandle;
import eu.wua.wscd.KeyOwner;
import eu.wua.wscd.Wscd;
import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdException;

/**
 * Creates one platform key: generated in the WSCD, certified (self-signed, or by its issuer key
 * there too), recorded in the database, each in a transaction of its own. If the record cannot be
 * written (another node recorded that key first) the transaction rolls back and the key just
 * generated is destroyed again.
 */
@Stateless
public class PlatformKeyIssuance {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Wscd wscd;

    @Inject
    private GeneratedKeyRollback rollback;

    @Inject
    private PlatformSettings settings;

    @Inject
    private Clock clock;

    /** True when {@code purpose} has a key now; false when it was there already. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean createIfMissing(PlatformKeyPurpose purpose) throws WscdException, CertificateException {
        if (em.find(PlatformKey.class, purpose.name()) != null) {
            return false;
        }
        Instant now = clock.instant();
        // a fresh label per attempt: keys of an earlier, rolled-back attempt never collide
        String label = purpose.label() + "-" + Long.toHexString(now.toEpochMilli());
        try (WscdConnection connection = wscd.connect()) {
            GeneratedKey key = connection.generateKey(KeyOwner.PLATFORM, label);
            rollback.destroyOnRollback(key.handle());
            List<X509Certificate> chain = certify(purpose, key, connection, now.minus(5, ChronoUnit.MINUTES));
            em.persist(new PlatformKey(purpose.name(), key.handle().value(), PemCertificates.encode(chain), now));
            em.flush();
        }
        return true;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean exists(PlatformKeyPurpose purpose) {
        return em.find(PlatformKey.class, purpose.name()) != null;
    }

    /** The subject name of the key's certificate (and of its CSR). */
    public X500Name subject(PlatformKeyPurpose purpose) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, settings.organisation() + " " + purpose.commonNameSuffix())
                .addRDN(BCStyle.O, settings.organisation())
                .build();
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
        Optional<String> dnsName = purpose.namesPlatformHost() ? Optional.of(URI.create(settings.publicBaseUrl()).getHost()) : Optional.empty();
        X509Certificate leaf = PlatformCertificates.issueSigningCertificate(subject(purpose), key.publicKey(),
                issuerChain.get(0), data -> connection.signEs256(issuerHandle, data), notBefore, purpose.validity(), dnsName);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(issuerChain);
        return chain;
    }
}
