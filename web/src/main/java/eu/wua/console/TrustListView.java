package eu.wua.console;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.primefaces.model.file.UploadedFile;

import eu.wua.status.RevocationCascades;
import eu.wua.status.RevocationJob;
import eu.wua.trust.TrustAnchor;
import eu.wua.trust.TrustedWalletProvider;
import eu.wua.trust.WalletProviderRegistry;

/** The trust list: Wallet Providers with their CA certificates decoded; add one (PEM or DER upload, or pasted PEM); withdraw with the cascade stated first. */
@Named
@ViewScoped
public class TrustListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private WalletProviderRegistry registry;

    @Inject
    private RevocationCascades cascades;

    @Inject
    private ConsoleGuard guard;

    private String identifier;
    private String name;
    private String pem;
    private String statusListHosts;
    private transient UploadedFile upload;
    private String withdrawingId;
    private long withdrawingReach;
    private String reason;

    public List<TrustedWalletProvider> getProviders() {
        return registry.all();
    }

    /** What an anchor certificate says, for people: subject, issuer, validity, CA constraint, fingerprint. */
    public String describe(TrustAnchor anchor) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(anchor.getCertificate().getBytes(StandardCharsets.US_ASCII))).iterator().next();
            return "Subject " + certificate.getSubjectX500Principal().getName() + "; issuer " + certificate.getIssuerX500Principal().getName()
                    + "; serial " + certificate.getSerialNumber().toString(16) + "; valid " + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant() + "; " + certificate.getPublicKey().getAlgorithm() + " key; "
                    + (certificate.getBasicConstraints() >= 0 ? "CA" : "not a CA") + "; SHA-256 " + anchor.getSha256Fingerprint();
        } catch (CertificateException | RuntimeException e) {
            return "undecodable certificate (" + anchor.getSha256Fingerprint() + ")";
        }
    }

    public void add() {
        if (!guard.permits("add a Wallet Provider to the trust list", ConsoleRole.ADMINISTRATOR)) {
            return;
        }
        byte[] anchors = upload != null && upload.getSize() > 0 ? upload.getContent()
                : pem == null ? new byte[0] : pem.getBytes(StandardCharsets.US_ASCII);
        try {
            List<String> hosts = statusListHosts == null || statusListHosts.isBlank() ? List.of()
                    : java.util.Arrays.stream(statusListHosts.split(",")).map(String::strip).filter(host -> !host.isEmpty()).toList();
            TrustedWalletProvider added = registry.add(identifier, name, anchors, hosts, guard.actor());
            guard.info("Wallet Provider trusted", added.getName() + " with " + added.getTrustAnchors().size() + " trust anchor(s)");
            identifier = null;
            name = null;
            pem = null;
            statusListHosts = null;
        } catch (WalletProviderRegistry.Refused e) {
            guard.error("Not added", e.getMessage());
        }
    }

    public void askWithdrawal(String id) {
        withdrawingId = id;
        withdrawingReach = cascades.reach(RevocationJob.Kind.wallet_provider, id);
    }

    public void withdraw() {
        if (withdrawingId == null || !guard.permits("withdraw trust in a Wallet Provider", ConsoleRole.ADMINISTRATOR)) {
            return;
        }
        registry.withdraw(withdrawingId, reason, guard.actor()).ifPresentOrElse(w -> guard.info("Trust withdrawn",
                w.alreadyWithdrawn() ? "It was withdrawn before." : "The cascade revokes " + withdrawingReach + " credential(s); progress on the dashboard."),
                () -> guard.error("Unknown Wallet Provider", withdrawingId));
        withdrawingId = null;
        reason = null;
    }

    public String getIdentifier() { return identifier; }
    public void setIdentifier(String identifier) { this.identifier = identifier; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getPem() { return pem; }
    public String getStatusListHosts() { return statusListHosts; }
    public void setStatusListHosts(String statusListHosts) { this.statusListHosts = statusListHosts; }
    public void setPem(String pem) { this.pem = pem; }
    public UploadedFile getUpload() { return upload; }
    public void setUpload(UploadedFile upload) { this.upload = upload; }
    public String getWithdrawingId() { return withdrawingId; }
    public long getWithdrawingReach() { return withdrawingReach; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
