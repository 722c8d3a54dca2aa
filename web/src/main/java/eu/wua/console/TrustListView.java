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
import eu.wua.trust.LoteImport;
import eu.wua.trust.LoteRefresh;
import eu.wua.trust.LoteSettings;
import eu.wua.trust.LoteSource;
import eu.wua.trust.TrustAnchor;
import eu.wua.trust.TrustOrigin;
import eu.wua.trust.TrustedWalletProvider;
import eu.wua.trust.WalletProviderRegistry;

/**
 * The trust list: the List of Trusted Entities it is taken from (version, signature, last fetch; refresh now), Wallet Providers
 * with where each comes from and their CA certificates decoded; add one locally (PEM or DER upload, or pasted PEM); suspend one
 * locally or lift that; withdraw with the cascade stated first.
 */
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

    @Inject
    private LoteSettings loteSettings;

    @Inject
    private LoteImport loteImport;

    @Inject
    private LoteRefresh loteRefresh;

    @Inject
    private java.time.Clock clock;

    private String suspendingId;

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

    public boolean isLoteConfigured() {
        return loteSettings.location().isPresent();
    }

    public String getLoteLocation() {
        return loteSettings.location().orElse("");
    }

    public LoteSource getLote() {
        return loteImport.source();
    }

    public boolean isLoteCurrent() {
        return loteImport.source().currentAt(clock.instant());
    }

    public String getLoteVersion() {
        LoteSource source = loteImport.source();
        return source.getSequenceNumber() == null ? "none taken in yet" : "sequence number " + source.getSequenceNumber() + ", issued "
                + source.getIssuedAt() + ", " + source.getEntities() + " Wallet Provider(s), taken in " + source.getImportedAt();
    }

    public String getLoteSignature() {
        LoteSource source = loteImport.source();
        return source.getSignatureFormat() == null ? "" : source.getSignatureFormat() + " signature verified; signed by "
                + source.getSignerSubject() + " (certificate SHA-256 " + source.getSignerSha256() + ", pinned)";
    }

    public String getLoteLastFetch() {
        LoteSource source = loteImport.source();
        return source.getLastAttemptAt() == null ? "never" : source.getLastAttemptAt()
                + (source.getLastSuccessAt() == null ? "" : "; last success " + source.getLastSuccessAt());
    }

    public String getLoteLastFailure() {
        LoteSource source = loteImport.source();
        return source.getLastFailureAt() == null ? "none since the last success" : source.getLastFailureAt() + ": " + source.getLastFailureReason();
    }

    /** Where a provider comes from, for people. */
    public String origin(TrustedWalletProvider provider) {
        if (provider.getOrigin() == TrustOrigin.LOCAL) {
            return "Local (added on this platform)";
        }
        return "List of Trusted Entities, sequence number " + provider.getListedSequenceNumber() + " issued " + provider.getListedIssuedAt()
                + "; service status " + (provider.getListedStatus() == null ? "listed (granted)" : provider.getListedStatus())
                + "; vouched for until " + provider.getListedUntil();
    }

    public void refreshList() {
        if (!guard.permits("refresh the List of Trusted Entities", ConsoleRole.ADMINISTRATOR)) {
            return;
        }
        LoteRefresh.Refresh refresh = loteRefresh.refreshNow();
        switch (refresh.outcome()) {
            case IMPORTED, UNCHANGED -> guard.info("List of Trusted Entities " + refresh.outcome().name().toLowerCase(), refresh.message());
            case BUSY -> guard.info("Refresh in progress", refresh.message());
            default -> guard.error("List not taken in", refresh.message());
        }
    }

    public void askSuspension(String id) {
        suspendingId = id;
    }

    public void suspend() {
        if (suspendingId == null || !guard.permits("suspend a Wallet Provider locally", ConsoleRole.ADMINISTRATOR)) {
            return;
        }
        registry.suspendLocally(suspendingId, reason, guard.actor()).ifPresentOrElse(p -> guard.info("Suspended on this platform",
                p.getName() + ": its attestations are refused until the suspension is lifted; nothing is revoked."),
                () -> guard.error("Unknown Wallet Provider", suspendingId));
        suspendingId = null;
        reason = null;
    }

    public void liftSuspension(String id) {
        if (!guard.permits("lift a local suspension", ConsoleRole.ADMINISTRATOR)) {
            return;
        }
        registry.liftLocalSuspension(id, guard.actor()).ifPresentOrElse(p -> guard.info("Suspension lifted", p.getName()),
                () -> guard.error("Unknown Wallet Provider", id));
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
    public String getSuspendingId() { return suspendingId; }
    public long getWithdrawingReach() { return withdrawingReach; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
