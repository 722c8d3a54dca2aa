package eu.wua.platform;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One of the platform's own keys: the key lives in the WSCD under {@code keyHandle}; its
 * certificate chain (PEM, leaf first) lives here.
 */
@Entity
@Table(name = "platform_key")
public class PlatformKey {

    @Id
    @Column(name = "purpose")
    private String purpose;

    @Column(name = "key_handle", nullable = false, unique = true)
    private String keyHandle;

    @Column(name = "certificate_chain", nullable = false, length = 32000)
    private String certificateChain;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected PlatformKey() {
    }

    public PlatformKey(String purpose, String keyHandle, String certificateChain, Instant createdAt) {
        this.purpose = purpose;
        this.keyHandle = keyHandle;
        this.certificateChain = certificateChain;
        this.createdAt = createdAt;
    }

    public String getPurpose() {
        return purpose;
    }

    public String getKeyHandle() {
        return keyHandle;
    }

    public String getCertificateChain() {
        return certificateChain;
    }

    /** A certificate imported after a CA signed the platform's CSR replaces the generated one. */
    public void replaceCertificateChain(String pemChain) {
        this.certificateChain = pemChain;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
