package eu.wua.console;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import eu.wua.platform.Iso18045;
import eu.wua.status.RevocationCascades;
import eu.wua.status.RevocationJob;
import eu.wua.walletprovider.CertificationRejection;
import eu.wua.walletprovider.KeyStoreCertification;
import eu.wua.walletprovider.KeyStoreCertifications;

/** WSCD / key store certifications: record one (certifier), withdraw one with the cascade stated first (TS3 §2.5.2). */
@Named
@ViewScoped
public class CertificationsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private KeyStoreCertifications certifications;

    @Inject
    private RevocationCascades cascades;

    @Inject
    private ConsoleGuard guard;

    private String id;
    private String wscdBackend = "pkcs11";
    private String model;
    private String scheme;
    private String keyStorage = "iso_18045_high";
    private String userAuthentication = "iso_18045_high";
    private String certificationUrl;
    private LocalDate validFrom = LocalDate.now(ZoneOffset.UTC);
    private LocalDate validUntil = LocalDate.now(ZoneOffset.UTC).plusYears(2);
    private String withdrawingId;
    private long withdrawingReach;
    private String reason;

    public List<KeyStoreCertification> getCertifications() {
        return certifications.all();
    }

    public void record() {
        if (!guard.permits("record a key store certification", ConsoleRole.CERTIFIER)) {
            return;
        }
        try {
            KeyStoreCertification recorded = certifications.record(new KeyStoreCertifications.Certification(id, wscdBackend, model, scheme,
                    keyStorage, userAuthentication, certificationUrl, validFrom == null ? null : validFrom.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    validUntil == null ? null : validUntil.atStartOfDay(ZoneOffset.UTC).toInstant()), guard.actor());
            guard.info("Certification recorded", recorded.getId() + ": new Key Attestations of the " + recorded.getWscdBackend()
                    + " WSCD state " + recorded.getKeyStorage());
            id = null;
        } catch (CertificationRejection e) {
            guard.error("Not recorded", e.getMessage());
        }
    }

    public void askWithdrawal(String certificationId) {
        withdrawingId = certificationId;
        withdrawingReach = cascades.reach(RevocationJob.Kind.certification, certificationId);
    }

    public void withdraw() {
        if (withdrawingId == null || !guard.permits("withdraw a key store certification", ConsoleRole.CERTIFIER)) {
            return;
        }
        certifications.withdraw(withdrawingId, guard.actor(), reason).ifPresentOrElse(w -> guard.info("Certification withdrawn",
                w.alreadyWithdrawn() ? "It was withdrawn before." : w.keyAttestationsRevoked() + " Key Attestation(s) revoked; the cascade revokes "
                        + withdrawingReach + " credential(s); progress on the dashboard."),
                () -> guard.error("Unknown certification", withdrawingId));
        withdrawingId = null;
        reason = null;
    }

    public List<String> getLevels() { return Iso18045.LEVELS; }
    public List<String> getBackends() { return KeyStoreCertifications.BACKENDS; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getWscdBackend() { return wscdBackend; }
    public void setWscdBackend(String wscdBackend) { this.wscdBackend = wscdBackend; }
    public String getModel() { return model; }
    public void setModel(String model) { this.model = model; }
    public String getScheme() { return scheme; }
    public void setScheme(String scheme) { this.scheme = scheme; }
    public String getKeyStorage() { return keyStorage; }
    public void setKeyStorage(String keyStorage) { this.keyStorage = keyStorage; }
    public String getUserAuthentication() { return userAuthentication; }
    public void setUserAuthentication(String userAuthentication) { this.userAuthentication = userAuthentication; }
    public String getCertificationUrl() { return certificationUrl; }
    public void setCertificationUrl(String certificationUrl) { this.certificationUrl = certificationUrl; }
    public LocalDate getValidFrom() { return validFrom; }
    public void setValidFrom(LocalDate validFrom) { this.validFrom = validFrom; }
    public LocalDate getValidUntil() { return validUntil; }
    public void setValidUntil(LocalDate validUntil) { this.validUntil = validUntil; }
    public String getWithdrawingId() { return withdrawingId; }
    public long getWithdrawingReach() { return withdrawingReach; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
