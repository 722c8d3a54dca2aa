package eu.wua.trust;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The List of Trusted Entities the trust list is taken from: the version last imported (sequence
 * number, issue date, next update, who signed it) and how the last fetch went. One row (id 1).
 */
@Entity
@Table(name = "lote_source")
public class LoteSource {

    public static final int ID = 1;

    @Id
    @Column(name = "id")
    private Integer id;

    @Column(name = "location")
    private String location;

    @Column(name = "sequence_number")
    private Long sequenceNumber;

    @Column(name = "list_type")
    private String listType;

    @Column(name = "issued_at")
    private Instant issuedAt;

    @Column(name = "next_update")
    private Instant nextUpdate;

    @Column(name = "document_sha256")
    private String documentSha256;

    @Column(name = "signature_format")
    private String signatureFormat;

    @Column(name = "signer_subject")
    private String signerSubject;

    @Column(name = "signer_sha256")
    private String signerSha256;

    @Column(name = "entities")
    private Integer entities;

    @Column(name = "imported_at")
    private Instant importedAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "last_success_at")
    private Instant lastSuccessAt;

    @Column(name = "last_failure_at")
    private Instant lastFailureAt;

    @Column(name = "last_failure_reason")
    private String lastFailureReason;

    @Column(name = "lease_owner")
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    protected LoteSource() {
    }

    /** A list version taken in. */
    public void imported(String location, long sequenceNumber, String listType, Instant issuedAt, Instant nextUpdate, String documentSha256,
            String signatureFormat, String signerSubject, String signerSha256, int entities, Instant now) {
        this.location = location;
        this.sequenceNumber = sequenceNumber;
        this.listType = listType;
        this.issuedAt = issuedAt;
        this.nextUpdate = nextUpdate;
        this.documentSha256 = documentSha256;
        this.signatureFormat = signatureFormat;
        this.signerSubject = signerSubject;
        this.signerSha256 = signerSha256;
        this.entities = entities;
        this.importedAt = now;
        succeeded(location, now);
    }

    /** A fetch that found the version already imported, or imported a new one. */
    public void succeeded(String location, Instant now) {
        this.location = location;
        this.lastAttemptAt = now;
        this.lastSuccessAt = now;
        this.lastFailureAt = null;
        this.lastFailureReason = null;
    }

    public void failed(String location, String reason, Instant now) {
        this.location = location;
        this.lastAttemptAt = now;
        this.lastFailureAt = now;
        this.lastFailureReason = reason.length() > 1024 ? reason.substring(0, 1021) + "..." : reason;
    }

    /** Whether a list was imported and is still before its next update. */
    public boolean currentAt(Instant at) {
        return nextUpdate != null && at.isBefore(nextUpdate);
    }

    public Integer getId() { return id; }
    public String getLocation() { return location; }
    public Long getSequenceNumber() { return sequenceNumber; }
    public String getListType() { return listType; }
    public Instant getIssuedAt() { return issuedAt; }
    public Instant getNextUpdate() { return nextUpdate; }
    public String getDocumentSha256() { return documentSha256; }
    public String getSignatureFormat() { return signatureFormat; }
    public String getSignerSubject() { return signerSubject; }
    public String getSignerSha256() { return signerSha256; }
    public Integer getEntities() { return entities; }
    public Instant getImportedAt() { return importedAt; }
    public Instant getLastAttemptAt() { return lastAttemptAt; }
    public Instant getLastSuccessAt() { return lastSuccessAt; }
    public Instant getLastFailureAt() { return lastFailureAt; }
    public String getLastFailureReason() { return lastFailureReason; }
    public String getLeaseOwner() { return leaseOwner; }
    public Instant getLeaseUntil() { return leaseUntil; }
}
