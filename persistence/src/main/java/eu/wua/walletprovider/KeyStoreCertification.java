package eu.wua.walletprovider;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A certifier's record of a WSCD model: the scheme it was evaluated under, the attack-potential
 * resistance levels (ISO/IEC 18045) it reached, where the certificate is published, and how long
 * it holds. Withdrawn when a vulnerability of the model becomes known (TS3 §2.5.2).
 */
@Entity
@Table(name = "key_store_certification")
public class KeyStoreCertification {

    public enum State { CERTIFIED, WITHDRAWN }

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "wscd_backend", nullable = false)
    private String wscdBackend;

    @Column(name = "model", nullable = false)
    private String model;

    @Column(name = "scheme", nullable = false)
    private String scheme;

    @Column(name = "key_storage", nullable = false)
    private String keyStorage;

    @Column(name = "user_authentication", nullable = false)
    private String userAuthentication;

    @Column(name = "certification_url", nullable = false)
    private String certificationUrl;

    @Column(name = "valid_from", nullable = false)
    private Instant validFrom;

    @Column(name = "valid_until", nullable = false)
    private Instant validUntil;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    private State state;

    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    @Column(name = "withdrawn_reason")
    private String withdrawnReason;

    protected KeyStoreCertification() {
    }

    public KeyStoreCertification(String id, String wscdBackend, String model, String scheme, String keyStorage, String userAuthentication,
            String certificationUrl, Instant validFrom, Instant validUntil, String recordedBy, Instant recordedAt) {
        this.id = id;
        this.wscdBackend = wscdBackend;
        this.model = model;
        this.scheme = scheme;
        this.keyStorage = keyStorage;
        this.userAuthentication = userAuthentication;
        this.certificationUrl = certificationUrl;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.state = State.CERTIFIED;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public void withdraw(Instant when, String reason) {
        state = State.WITHDRAWN;
        withdrawnAt = when;
        withdrawnReason = reason;
    }

    public boolean isValidAt(Instant when) {
        return state == State.CERTIFIED && !when.isBefore(validFrom) && when.isBefore(validUntil);
    }

    public String getId() { return id; }
    public String getWscdBackend() { return wscdBackend; }
    public String getModel() { return model; }
    public String getScheme() { return scheme; }
    public String getKeyStorage() { return keyStorage; }
    public String getUserAuthentication() { return userAuthentication; }
    public String getCertificationUrl() { return certificationUrl; }
    public Instant getValidFrom() { return validFrom; }
    public Instant getValidUntil() { return validUntil; }
    public State getState() { return state; }
    public String getRecordedBy() { return recordedBy; }
    public Instant getRecordedAt() { return recordedAt; }
    public Instant getWithdrawnAt() { return withdrawnAt; }
    public String getWithdrawnReason() { return withdrawnReason; }
}
