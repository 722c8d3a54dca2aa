package eu.wua.walletprovider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import eu.wua.platform.PemCertificates;
import eu.wua.platform.PlatformSettings;

/**
 * The Wallet Provider's settings (README.md has the table). Checked at start-up: a WIA lifetime of
 * 24 h or more (TS3 §2.2.1.1) stops the deployment with that reason.
 */
@Singleton
@Startup
public class WalletProviderSettings {

    public static final Duration MAX_WIA_LIFETIME = Duration.ofHours(24);

    @Inject
    @ConfigProperty(name = "wua.wia.lifetime", defaultValue = "PT12H")
    Duration wiaLifetime;

    @Inject
    @ConfigProperty(name = "wua.wia.status-maintained-for", defaultValue = "P31D")
    Duration statusMaintainedFor;

    @Inject
    @ConfigProperty(name = "wua.profile", defaultValue = "production")
    String profile;

    @Inject
    @ConfigProperty(name = "wua.wallet.name", defaultValue = "wua-reference-wallet")
    String walletName;

    @Inject
    @ConfigProperty(name = "wua.wallet.version", defaultValue = "0.1.0")
    String walletVersion;

    @Inject
    @ConfigProperty(name = "wua.wallet.certification-information", defaultValue = "https://certification.example.eu/wua-reference-wallet")
    String certificationInformation;

    @Inject
    @ConfigProperty(name = "wua.keys.max-count", defaultValue = "32")
    int maxKeyCount;

    @Inject
    @ConfigProperty(name = "wua.ka.lifetime", defaultValue = "P31D")
    Duration keyAttestationLifetime;

    @Inject
    @ConfigProperty(name = "wua.ka.ts3-type", defaultValue = "keyattestation+jwt")
    String ts3KeyAttestationType;

    @Inject
    @ConfigProperty(name = "wua.android.attestation-roots")
    Optional<String> androidAttestationRoots;

    @Inject
    private PlatformSettings platform;

    private List<X509Certificate> androidRoots = List.of();

    @PostConstruct
    void check() {
        requireWiaLifetimeUnder24Hours(wiaLifetime());
        androidRoots = androidAttestationRoots.filter(path -> !path.isBlank()).map(WalletProviderSettings::readRoots).orElse(List.of());
    }

    /** A configured roots file that cannot be read stops the start-up: the operator meant to accept Android devices. */
    private static List<X509Certificate> readRoots(String path) {
        try {
            return PemCertificates.decode(Files.readAllBytes(Path.of(path)));
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("wua.android.attestation-roots: cannot read the Android attestation roots from " + path
                    + ": " + e.getMessage(), e);
        }
    }

    public int maxKeyCount() { return maxKeyCount; }
    public Duration keyAttestationLifetime() { return keyAttestationLifetime; }
    public String ts3KeyAttestationType() { return ts3KeyAttestationType; }

    /** The roots Android key attestation chains must reach (Google's hardware attestation roots in production). */
    public List<X509Certificate> androidAttestationRoots() {
        return androidRoots;
    }

    /** TS3 §2.2.1.1: a WIA lives less than 24 h after the integrity check. */
    static void requireWiaLifetimeUnder24Hours(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_WIA_LIFETIME) >= 0) {
            throw new IllegalStateException("wua.wia.lifetime must be more than 0 and less than 24 hours (TS3 2.2.1.1), was " + lifetime);
        }
    }

    public Duration wiaLifetime() { return wiaLifetime; }
    public Duration statusMaintainedFor() { return statusMaintainedFor; }
    public boolean developmentProfile() { return "development".equals(profile); }
    public String walletName() { return walletName; }
    public String walletVersion() { return walletVersion; }
    public String certificationInformation() { return certificationInformation; }
    public String identifier() { return platform.walletProviderIdentifier(); }

    /** The OAuth client_id of the wallet solution: the same for every instance (HAIP §4.4.1). */
    public String clientId() { return identifier() + "/solutions/" + walletName; }

    public String statusListUri(String listId) { return identifier() + "/v1/status-lists/" + listId; }
}
