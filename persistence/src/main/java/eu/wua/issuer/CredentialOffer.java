package eu.wua.issuer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The grant credentials are issued on. A pre-authorized offer is made after identity proofing: the
 * PID attributes it holds, its pre-authorized code (only the SHA-256 is kept) and the tx_code (a
 * slow hash), redeemed once. An offer with the authorization_code grant holds the SHA-256 of its
 * {@code issuer_state} and gets the attributes of the person who authenticates, once; a
 * wallet-initiated authorization is recorded as such an offer, accepted at once.
 */
@Entity
@Table(name = "credential_offer")
public class CredentialOffer {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "credential_configuration_id", nullable = false)
    private String credentialConfigurationId;

    public static final String PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
    public static final String AUTHORIZATION_CODE_GRANT = "authorization_code";

    @Column(name = "grant_type", nullable = false)
    private String grantType = PRE_AUTHORIZED_GRANT;

    /** Null for an authorization_code offer. */
    @Column(name = "pre_authorized_code_hash", unique = true)
    private String preAuthorizedCodeHash;

    @Column(name = "tx_code_hash")
    private String txCodeHash;

    /** The SHA-256 of an authorization_code offer's issuer_state; null otherwise. */
    @Column(name = "issuer_state_hash", unique = true)
    private String issuerStateHash;

    /** The authenticator the person used at the authorization endpoint; null for a pre-authorized offer. */
    @Column(name = "authenticator")
    private String authenticator;

    @Column(name = "tx_code_failures", nullable = false)
    private int txCodeFailures;

    /** Null until the person of an authorization_code offer authenticated. */
    @Column(name = "subject_attributes", length = 16000)
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

    /** An offer with the authorization_code grant: the person is not known until they authenticate ({@code issuerStateHash} null for a wallet-initiated one). */
    public static CredentialOffer forAuthorization(String id, String credentialConfigurationId, String issuerStateHash, String createdBy,
            Instant createdAt, Instant expiresAt) {
        CredentialOffer offer = new CredentialOffer();
        offer.id = id;
        offer.grantType = AUTHORIZATION_CODE_GRANT;
        offer.credentialConfigurationId = credentialConfigurationId;
        offer.issuerStateHash = issuerStateHash;
        offer.createdBy = createdBy;
        offer.createdAt = createdAt;
        offer.expiresAt = expiresAt;
        return offer;
    }

    /** The person authenticated at the authorization endpoint: their attributes become the PID's. */
    public void authorize(String subjectAttributes, String subjectRef, String authenticator, Instant at) {
        this.subjectAttributes = subjectAttributes;
        this.subjectRef = subjectRef;
        this.authenticator = authenticator;
        this.redeemedAt = at;
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
    public String getGrantType() { return grantType; }
    public String getIssuerStateHash() { return issuerStateHash; }
    public String getAuthenticator() { return authenticator; }
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
