package eu.wua.issuer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A credential the issuer offers (for example the SD-JWT VC PID) and its batch policy. */
@Entity
@Table(name = "credential_configuration")
public class CredentialConfiguration {

    public static final int MAX_BATCH_SIZE = 100;

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "format", nullable = false)
    private String format;

    @Column(name = "vct", nullable = false)
    private String vct;

    @Column(name = "batch_size", nullable = false)
    private int batchSize;

    @Column(name = "reuse_policy", nullable = false)
    private String reusePolicy;

    @Column(name = "required_key_storage", nullable = false)
    private String requiredKeyStorage;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CredentialConfiguration() {
    }

    public CredentialConfiguration(String id, String format, String vct, int batchSize, String reusePolicy,
            String requiredKeyStorage, Instant updatedAt) {
        this.id = id;
        this.format = format;
        this.vct = vct;
        this.reusePolicy = reusePolicy;
        this.requiredKeyStorage = requiredKeyStorage;
        changeBatchSize(batchSize, updatedAt);
    }

    /** Sets the batch size, 1 to {@value #MAX_BATCH_SIZE}. */
    public void changeBatchSize(int newBatchSize, Instant when) {
        if (newBatchSize < 1 || newBatchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch_size must be between 1 and " + MAX_BATCH_SIZE + ", was " + newBatchSize);
        }
        this.batchSize = newBatchSize;
        this.updatedAt = when;
    }

    /** The ETSI reuse method the wallet is asked to follow (ARF ISSU_40: once-only or limited-time). */
    public void changeReusePolicy(String policy, Instant when) {
        this.reusePolicy = policy;
        this.updatedAt = when;
    }

    /** The weakest {@code key_storage} level a Key Attestation may state for this configuration. */
    public void changeRequiredKeyStorage(String level, Instant when) {
        this.requiredKeyStorage = level;
        this.updatedAt = when;
    }

    public String getId() { return id; }
    public String getFormat() { return format; }
    public String getVct() { return vct; }
    public int getBatchSize() { return batchSize; }
    public String getReusePolicy() { return reusePolicy; }
    public String getRequiredKeyStorage() { return requiredKeyStorage; }
    public Instant getUpdatedAt() { return updatedAt; }
}
