package eu.wua.trust;

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

/**
 * Where the List of Trusted Entities comes from and whose signature it must carry (README.md has the
 * table). No URL and no file: the trust list is local only. A source without a readable pinned signer
 * stops the deployment with that reason, since such a list could never be taken in.
 */
@Singleton
@Startup
public class LoteSettings {

    @Inject
    @ConfigProperty(name = "wua.trust.lote.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "wua.trust.lote.file")
    Optional<String> file;

    @Inject
    @ConfigProperty(name = "wua.trust.lote.signer-certificates")
    Optional<String> signerCertificates;

    @Inject
    @ConfigProperty(name = "wua.trust.lote.type", defaultValue = LoteFormat.EU_WALLET_PROVIDERS_LIST)
    String listType;

    @Inject
    @ConfigProperty(name = "wua.trust.lote.service-type", defaultValue = LoteFormat.WALLET_SOLUTION_ISSUANCE)
    String serviceType;

    @Inject
    @ConfigProperty(name = "wua.trust.lote.refresh-interval", defaultValue = "PT1H")
    Duration refreshInterval;

    @Inject
    @ConfigProperty(name = "wua.trust.lote.retry-interval", defaultValue = "PT5M")
    Duration retryInterval;

    @Inject
    @ConfigProperty(name = "wua.trust.lote.max-size", defaultValue = "4194304")
    int maxSize;

    @Inject
    @ConfigProperty(name = "wua.trust.lote.timeout", defaultValue = "PT30S")
    Duration timeout;

    private List<X509Certificate> pinned = List.of();

    @PostConstruct
    void check() {
        if (location().isEmpty()) {
            return;
        }
        String path = signerCertificates.filter(p -> !p.isBlank()).orElseThrow(() -> new IllegalStateException(
                "wua.trust.lote.signer-certificates (a PEM file of the list signer's certificates) is required with a List of Trusted Entities"));
        try {
            pinned = PemCertificates.decode(Files.readAllBytes(Path.of(path)));
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("wua.trust.lote.signer-certificates: " + path + " is not a readable PEM file of certificates: "
                    + e.getMessage(), e);
        }
        if (pinned.isEmpty()) {
            throw new IllegalStateException("wua.trust.lote.signer-certificates: " + path + " holds no certificate");
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero() || retryInterval.isNegative() || retryInterval.isZero() || maxSize < 1024) {
            throw new IllegalStateException("wua.trust.lote.refresh-interval and retry-interval are positive, max-size at least 1024 bytes");
        }
    }

    /** The URL when one is set (fetched), else the file (read: for air-gapped operation); empty when no list is configured. */
    public Optional<String> location() {
        return url.filter(u -> !u.isBlank()).or(() -> file.filter(f -> !f.isBlank()));
    }

    public boolean fromUrl() {
        return url.filter(u -> !u.isBlank()).isPresent();
    }

    public List<X509Certificate> pinnedSigners() { return pinned; }
    public String listType() { return listType; }
    public String serviceType() { return serviceType; }
    public Duration refreshInterval() { return refreshInterval; }
    public Duration retryInterval() { return retryInterval; }
    public int maxSize() { return maxSize; }
    public Duration timeout() { return timeout; }
}
