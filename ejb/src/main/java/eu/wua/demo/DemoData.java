package eu.wua.demo;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import eu.wua.console.ConsoleAccounts;
import eu.wua.console.ConsoleRole;
import eu.wua.issuer.CredentialPolicies;
import eu.wua.issuer.IssuanceRejection;
import eu.wua.issuer.PidConfiguration;
import eu.wua.platform.BootstrapSteps;
import eu.wua.platform.PemCertificates;
import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.platform.PlatformSettings;
import eu.wua.trust.WalletProviderRegistry;
import eu.wua.walletprovider.CertificationRejection;
import eu.wua.walletprovider.KeyStoreCertifications;

/**
 * The embedded default's demo data, seeded once in the life of a database when
 * {@code wua.demo.enabled} is on, through the services an administrator uses (so it is validated
 * and audited as theirs is): the platform's own Wallet Provider on the trust list, the PID
 * credential configuration with batch size 10, one console user per role whose password comes
 * from configuration ({@code wua.demo.password.<role>}, never from code), and demo key store certifications.
 */
@Singleton
@Startup
@DependsOn("PlatformKeys")
public class DemoData {

    static final String STEP = "demo-data";
    /** A step of its own: databases seeded before the certification registry existed get it too. */
    static final String CERTIFICATIONS_STEP = "demo-certifications";
    static final String ACTOR = "system:demo-data";
    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @Inject
    private BootstrapSteps steps;

    @Inject
    private PlatformSettings settings;

    @Inject
    private PlatformKeys platformKeys;

    @Inject
    private ConsoleAccounts accounts;

    @Inject
    private KeyStoreCertifications certifications;

    @Inject
    private WalletProviderRegistry trustList;

    @Inject
    private CredentialPolicies credentialPolicies;

    @Inject
    private Clock clock;

    @PostConstruct
    void seedOnce() {
        if (!settings.demoEnabled()) {
            return;
        }
        seedCertificationsOnce();
        if (steps.isDone(STEP)) {
            return;
        }
        Instant now = clock.instant();
        steps.record(STEP);
        try {
            trustOwnWalletProvider();
            credentialPolicies.define(PidConfiguration.sdJwtVc(10, settings.demoPidKeyStorage(), now), ACTOR);
        } catch (WalletProviderRegistry.Refused | IssuanceRejection e) {
            throw new IllegalStateException("the demo data is not well formed: " + e.getMessage(), e);
        }
        seedConsoleUsers();
        LOG.info("demo data seeded: own Wallet Provider trusted, PID configuration with batch_size 10, console users");
    }

    private void trustOwnWalletProvider() throws WalletProviderRegistry.Refused {
        X509Certificate ca = platformKeys.certificateChain(PlatformKeyPurpose.WALLET_PROVIDER_CA).get(0);
        trustList.add(settings.walletProviderIdentifier(), settings.organisation() + " Wallet Provider",
                PemCertificates.encode(List.of(ca)).getBytes(StandardCharsets.US_ASCII), ACTOR);
    }

    /**
     * Demo certifications for both backends, so that keys can be attested out of the box: the software
     * key store at the basic level it is limited to, and the PKCS#11 token (SoftHSM2 in tests) as if
     * it were a certified HSM. A production database starts without any: a certifier records them.
     */
    private void seedCertificationsOnce() {
        if (steps.isDone(CERTIFICATIONS_STEP)) {
            return;
        }
        Instant now = clock.instant();
        steps.record(CERTIFICATIONS_STEP);
        Instant until = now.plus(Duration.ofDays(730));
        try {
            certifications.record(new KeyStoreCertifications.Certification("demo-software-key-store", "software",
                    "WUA software key store (PKCS#12)", "none: uncertified, demo only", "iso_18045_basic", "iso_18045_basic",
                    "https://certification.example.eu/demo-software-key-store", now, until), ACTOR);
            certifications.record(new KeyStoreCertifications.Certification("demo-pkcs11-hsm", "pkcs11",
                    "PKCS#11 HSM (demo: stands in for a certified device)", "demo: not a real certification", "iso_18045_high",
                    "iso_18045_high", "https://certification.example.eu/demo-pkcs11-hsm", now, until), ACTOR);
        } catch (CertificationRejection e) {
            throw new IllegalStateException("the demo certifications are not well formed: " + e.getMessage(), e);
        }
    }

    private void seedConsoleUsers() {
        for (ConsoleRole role : ConsoleRole.values()) {
            var password = settings.demoPassword(role.roleName());
            if (password.isEmpty()) {
                LOG.warning(() -> "no demo password configured for " + role.roleName()
                        + " (wua.demo.password." + role.roleName() + "): that user is not created");
                continue;
            }
            accounts.create(role.roleName(), password.get().toCharArray(), role, ACTOR);
        }
    }

    /** For readiness and tests: whether the demo data is in this database. */
    public boolean seeded() {
        return steps.isDone(STEP);
    }
}
