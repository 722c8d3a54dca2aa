package eu.wua.platform;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settings every capability shares, from MicroProfile Config (system properties, environment
 * variables such as {@code WUA_PUBLIC_BASE_URL}, or {@code META-INF/microprofile-config.properties}).
 */
@ApplicationScoped
public class PlatformSettings {

    @Inject
    @ConfigProperty(name = "wua.public-base-url", defaultValue = "http://localhost:8080")
    String publicBaseUrl;

    @Inject
    @ConfigProperty(name = "wua.organisation", defaultValue = "WUA Demo PID Provider")
    String organisation;

    @Inject
    @ConfigProperty(name = "wua.demo.enabled", defaultValue = "false")
    boolean demoEnabled;

    /** The base URL wallets and relying parties reach the platform at, without a trailing slash. */
    public String publicBaseUrl() {
        return publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    public String walletProviderIdentifier() {
        return publicBaseUrl() + "/wallet-provider";
    }

    public String organisation() {
        return organisation;
    }

    public boolean demoEnabled() {
        return demoEnabled;
    }

    /**
     * The weakest key storage the demo PID configuration accepts: {@code iso_18045_high} (as a PID
     * needs, TS3 §2.3.2) unless set lower, as {@code ./run} does for the uncertified software WSCD,
     * whose keys are never attested above {@code iso_18045_basic}.
     */
    public String demoPidKeyStorage() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("wua.demo.pid.minimum-key-storage", String.class).orElse("iso_18045_high");
    }

    public Optional<String> demoPassword(String role) {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("wua.demo.password." + role, String.class)
                .filter(p -> !p.isBlank());
    }
}
