package eu.wua.platform;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.console.ConsoleAccounts;
import eu.wua.console.ConsoleRole;
import eu.wua.console.ConsoleUser;
import eu.wua.issuer.PidConfiguration;
import eu.wua.trust.TrustAnchor;
import eu.wua.trust.TrustedWalletProvider;
import eu.wua.walletprovider.CertificationRejection;
import eu.wua.walletprovider.KeyStoreCertifications;

/**
 * The embedded default's demo data, seeded once in the life of a database when
 * {@code wua.demo.enabled} is on: the platform's own Wallet Provider on the trust list, the PID
 * credential configuration with batch size 10, and one console user per role whose password comes
 * from configuration ({@code wua.demo.password.<role>}), never from code.
 */
@Singleton
@Startup
@DependsOn({"PlatformKeys", "AuditChainBackfill"})
public class DemoData {

    static final String STEP = "demo-data";
    /** A step of its own: databases seeded before the certification registry existed get it too. */
    static final String CERTIFICATIONS_STEP = "demo-certifications";
    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private PlatformSettings settings;

    @Inject
    private PlatformKeys platformKeys;

    @Inject
    private ConsoleAccounts accounts;

    @Inject
    private KeyStoreCertifications certifications;

    @PostConstruct
    void seedOnce() {
        if (!settings.demoEnabled()) {
            return;
        }
        seedCertificationsOnce();
        if (em.find(BootstrapStep.class, STEP) != null) {
            return;
        }
        Instant now = Instant.now();
        // recorded first: a second node seeding at the same moment fails on the primary key and rolls back
        em.persist(new BootstrapStep(STEP, now));
        em.flush();

        trustOwnWalletProvider(now);
        em.persist(PidConfiguration.sdJwtVc(10, settings.demoPidKeyStorage(), now));
        seedConsoleUsers(now);
        LOG.info("demo data seeded: own Wallet Provider trusted, PID configuration with batch_size 10, console users");
    }

    private void trustOwnWalletProvider(Instant now) {
        X509Certificate ca = platformKeys.certificateChain(PlatformKeyPurpose.WALLET_PROVIDER_CA).get(0);
        TrustedWalletProvider provider = new TrustedWalletProvider(UUID.randomUUID().toString(),
                settings.walletProviderIdentifier(), settings.organisation() + " Wallet Provider", now);
        provider.addTrustAnchor(new TrustAnchor(ca.getSubjectX500Principal().getName(),
                PemCertificates.sha256Fingerprint(ca), ca.getNotAfter().toInstant(),
                PemCertificates.encode(java.util.List.of(ca))));
        em.persist(provider);
    }

    /**
     * Demo certifications for both backends, so that keys can be attested out of the box: the software
     * key store at the basic level it is limited to, and the PKCS#11 token (SoftHSM2 in tests) as if
     * it were a certified HSM. A production database starts without any: a certifier records them.
     */
    private void seedCertificationsOnce() {
        if (em.find(BootstrapStep.class, CERTIFICATIONS_STEP) != null) {
            return;
        }
        Instant now = Instant.now();
        em.persist(new BootstrapStep(CERTIFICATIONS_STEP, now));
        em.flush();
        Instant until = now.plus(Duration.ofDays(730));
        try {
            certifications.record(new KeyStoreCertifications.Certification("demo-software-key-store", "software",
                    "WUA software key store (PKCS#12)", "none: uncertified, demo only", "iso_18045_basic", "iso_18045_basic",
                    "https://certification.example.eu/demo-software-key-store", now, until), "system:demo-data");
            certifications.record(new KeyStoreCertifications.Certification("demo-pkcs11-hsm", "pkcs11",
                    "PKCS#11 HSM (demo: stands in for a certified device)", "demo: not a real certification", "iso_18045_high",
                    "iso_18045_high", "https://certification.example.eu/demo-pkcs11-hsm", now, until), "system:demo-data");
        } catch (CertificationRejection e) {
            throw new IllegalStateException("the demo certifications are not well formed: " + e.getMessage(), e);
        }
    }

    private void seedConsoleUsers(Instant now) {
        for (ConsoleRole role : ConsoleRole.values()) {
            var password = settings.demoPassword(role.roleName());
            if (password.isEmpty()) {
                LOG.warning(() -> "no demo password configured for " + role.roleName()
                        + " (wua.demo.password." + role.roleName() + "): that user is not created");
                continue;
            }
            em.persist(new ConsoleUser(role.roleName(), accounts.hash(password.get().toCharArray()),
                    EnumSet.of(role), now));
        }
    }

    /** For readiness and tests: whether the demo data is in this database. */
    public boolean seeded() {
        return em.find(BootstrapStep.class, STEP) != null;
    }
}
