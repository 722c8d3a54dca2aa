package eu.wua.issuer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A credential offer made after identity proofing: the PID attributes it holds, its pre-authorized
 * code (only the SHA-256 is kept) and the tx_code (a slow hash), redeemed once.
 */
@Entity
@Table(name = "credential_offer")
public class CredentialOffer {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "credential_configuration_id", nullable = false)
    private String credentialConfigurationId;

    @Column(name = "pre_authorized_code_hash", nullable = false, unique = true)
    private String preAuthorizedCodeHash;

    @Column(name = "tx_code_hash", nullable = false)
    private String txCodeHash;

    @Column(name = "tx_code_failures", nullable = false)
    private int txCodeFailures;

    @Column(name = "subject_attributes", nullable = false, length = 16000)
    private String subjectAttributes;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "redeemed_at")
    private Instant redeemedAt;

    @Column(name = "subject_ref", length = 64)
    private String subjectRef;

    protected CredentialOffer() {
    }

    public CredentialOffer(String id, String credentialConfigurationId, String preAuthorizedCodeHash, String txCodeHash,
            String subjectAttributes, String createdBy, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.credentialConfigurationId = credentialConfigurationId;
        this.preAuthorizedCodeHash = preAuthorizedCodeHash;
        this.txCodeHash = txCodeHash;
        this.subjectAttributes = subjectAttributes;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** Names the PID subject (a digest of the identifying attributes) so that the person's credentials can be revoked together. */
    public void setSubjectRef(String subjectRef) {
        this.subjectRef = subjectRef;
    }

    /** Counts a wrong tx_code; answers the failures so far (VCI §13.6.3: the code dies after a few). */
    public int recordWrongTxCode() {
        return ++txCodeFailures;
    }

    /** The code was exchanged for an access token (the token endpoint does it with a conditional UPDATE, so that one racer wins). */
    public void markRedeemed(Instant at) {
        this.redeemedAt = at;
    }

    public String getId() { return id; }
    public String getCredentialConfigurationId() { return credentialConfigurationId; }
    public String getPreAuthorizedCodeHash() { return preAuthorizedCodeHash; }
    public String getTxCodeHash() { return txCodeHash; }
    public int getTxCodeFailures() { return txCodeFailures; }
    public String getSubjectAttributes() { return subjectAttributes; }
    public String getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getRedeemedAt() { return redeemedAt; }
    public String getSubjectRef() { return subjectRef; }
}
