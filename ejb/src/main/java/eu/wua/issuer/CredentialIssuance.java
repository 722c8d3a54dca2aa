package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.StringReader;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

import eu.wua.audit.AuditTrail;
import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.status.StatusListAllocator;
import eu.wua.status.StatusListEntry;
import eu.wua.status.StatusListPublisher;
import eu.wua.status.StatusListReader;
import eu.wua.wscd.WscdException;

/**
 * The credential endpoint (VCI §8, checklist of credential-issuance.md §10): access token, body,
 * one proof with its Key Attestation, then {@code min(attested keys, batch_size)} SD-JWT VCs, the
 * i-th bound to attested key i. All in one transaction: if signing credential 7 of 10 fails,
 * nothing is issued, and the c_nonce, the KA and the status indexes stay unused.
 */
@Stateless
public class CredentialIssuance {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private CredentialProofs proofs;

    @Inject
    private StatusListReader statusLists;

    @Inject
    private StatusListAllocator allocator;

    @Inject
    private StatusListPublisher publisher;

    @Inject
    private CredentialSigner signer;

    @Inject
    private IssuerSettings settings;

    @Inject
    private AuditTrail audit;

    public record Issued(List<String> credentials, String offerId) {
    }

    public Issued issue(String accessToken, JsonObject body) throws IssuanceRejection, WscdException {
        Instant now = Instant.now();
        AccessToken token = requireLiveToken(accessToken, now);
        CredentialConfiguration configuration = requireAuthorizedConfiguration(body, token);
        requireNoEncryption(body);
        VerifiedKeyAttestation ka = requireOneValidProof(body, configuration, now);
        requireSameWalletProvider(ka, token);
        requireWalletAttestationStillValid(token, now);
        Instant expiresAt = credentialExpiry(token, ka, now);

        JsonObject attributes = JSON.createReader(new StringReader(em.find(CredentialOffer.class, token.getOfferId())
                .getSubjectAttributes())).readObject();
        List<X509Certificate> x5c = signer.x5c();
        int count = Math.min(ka.attestedKeys().size(), configuration.getBatchSize());
        List<String> credentials = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PublicJsonWebKey key = ka.attestedKeys().get(i);
            String id = UUID.randomUUID().toString();
            StatusListEntry.Position position = allocator.allocate(StatusListPublisher.Family.PID.prefix(), "credential", id);
            StatusReference status = new StatusReference(publisher.uri(StatusListPublisher.Family.PID, position.listId()), position.index());
            SdJwtVcFormat.Unsigned unsigned = SdJwtVcFormat.unsigned(new SdJwtVcFormat.Statement(settings.identifier(),
                    configuration.getVct(), now, expiresAt, key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), status, attributes), x5c);
            String jwt = signer.sign(unsigned.header(), unsigned.payload());
            credentials.add(unsigned.withSignedJwt(jwt));
            em.persist(new IssuedCredential(id, token.getOfferId(), configuration.getId(), token.getWalletProviderId(), ka.hash(),
                    key.calculateBase64urlEncodedThumbprint("SHA-256"), position.listId(), position.index(),
                    ka.status().map(StatusReference::uri).orElse(null), ka.status().map(StatusReference::index).orElse(null),
                    token.getWiaStatusUri(), token.getWiaStatusIndex(), now, expiresAt));
            ids.add(id);
        }
        audit.record("wallet:" + token.getInstanceKeyThumbprint(), "credential.issued", token.getOfferId(), Map.of(
                "credential_configuration_id", configuration.getId(), "count", String.valueOf(count),
                "attested_keys", String.valueOf(ka.attestedKeys().size()), "batch_size", String.valueOf(configuration.getBatchSize()),
                "key_attestation", ka.hash(), "credential_ids", String.join(",", ids), "exp", expiresAt.toString()));
        return new Issued(credentials, token.getOfferId());
    }

    private AccessToken requireLiveToken(String accessToken, Instant now) throws IssuanceRejection {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IssuanceRejection(Reason.TOKEN_MISSING, "send the access token as Authorization: Bearer <token>");
        }
        AccessToken token = em.find(AccessToken.class, Digests.sha256Hex(accessToken));
        if (token == null || !now.isBefore(token.getExpiresAt())) {
            throw new IssuanceRejection(Reason.TOKEN_INVALID, "the access token is unknown or expired");
        }
        return token;
    }

    private CredentialConfiguration requireAuthorizedConfiguration(JsonObject body, AccessToken token) throws IssuanceRejection {
        boolean byIdentifier = body.containsKey("credential_identifier");
        boolean byConfiguration = body.containsKey("credential_configuration_id");
        if (byIdentifier == byConfiguration) {
            throw new IssuanceRejection(Reason.CREDENTIAL_REQUEST_MALFORMED,
                    "send exactly one of credential_configuration_id and credential_identifier");
        }
        if (byIdentifier) {
            throw new IssuanceRejection(Reason.CREDENTIAL_IDENTIFIER_UNKNOWN, "this token came with no credential identifiers");
        }
        if (!(body.get("credential_configuration_id") instanceof JsonString id)) {
            throw new IssuanceRejection(Reason.CREDENTIAL_REQUEST_MALFORMED, "credential_configuration_id must be a string");
        }
        CredentialConfiguration configuration = em.find(CredentialConfiguration.class, id.getString());
        if (configuration == null) {
            throw new IssuanceRejection(Reason.CREDENTIAL_CONFIGURATION_UNKNOWN, "no credential configuration " + id.getString());
        }
        if (!configuration.getId().equals(token.getCredentialConfigurationId())) {
            throw new IssuanceRejection(Reason.CREDENTIAL_CONFIGURATION_UNKNOWN, "the offer behind this token is for "
                    + token.getCredentialConfigurationId() + ", not " + configuration.getId());
        }
        return configuration;
    }

    private static void requireNoEncryption(JsonObject body) throws IssuanceRejection {
        if (body.containsKey("credential_response_encryption")) {
            throw new IssuanceRejection(Reason.ENCRYPTION_UNSUPPORTED, "this issuer does not encrypt credential responses");
        }
    }

    /** VCI §8.2: proofs has exactly one member; we take one proof, whose KA covers every key of the batch. */
    private VerifiedKeyAttestation requireOneValidProof(JsonObject body, CredentialConfiguration configuration, Instant now)
            throws IssuanceRejection {
        JsonValue proofsValue = body.get("proofs");
        if (proofsValue == null) {
            throw new IssuanceRejection(Reason.PROOFS_MISSING, "proofs is missing (the singular proof does not exist in OpenID4VCI 1.0)");
        }
        if (proofsValue.getValueType() != JsonValue.ValueType.OBJECT || proofsValue.asJsonObject().size() != 1) {
            throw new IssuanceRejection(Reason.PROOFS_SHAPE, "proofs must be an object with exactly one proof type");
        }
        Map.Entry<String, JsonValue> only = proofsValue.asJsonObject().entrySet().iterator().next();
        if (!"jwt".equals(only.getKey()) && !"attestation".equals(only.getKey())) {
            throw new IssuanceRejection(Reason.PROOFS_SHAPE, "proof type " + only.getKey() + " is not supported; use jwt or attestation");
        }
        if (only.getValue().getValueType() != JsonValue.ValueType.ARRAY || only.getValue().asJsonArray().isEmpty()
                || !(only.getValue().asJsonArray().get(0) instanceof JsonString)) {
            throw new IssuanceRejection(Reason.PROOFS_SHAPE, "proofs." + only.getKey() + " must be a non-empty array of strings");
        }
        JsonArray list = only.getValue().asJsonArray();
        if (list.size() > Math.max(configuration.getBatchSize(), 1)) {
            throw new IssuanceRejection(Reason.PROOFS_SHAPE, "at most " + configuration.getBatchSize() + " proofs (batch_size)");
        }
        if (list.size() > 1) {
            throw new IssuanceRejection(Reason.PROOFS_MORE_THAN_ONE,
                    "send one proof: its key attestation covers every key of the batch, and a key attestation is used once");
        }
        String proof = list.getString(0);
        return "jwt".equals(only.getKey()) ? proofs.verifyJwtProof(proof, configuration, now)
                : proofs.verifyAttestationProof(proof, configuration, now);
    }

    private static void requireSameWalletProvider(VerifiedKeyAttestation ka, AccessToken token) throws IssuanceRejection {
        if (!ka.walletProviderId().equals(token.getWalletProviderId())) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_OTHER_PROVIDER,
                    "the key attestation comes from another Wallet Provider than the client attestation");
        }
    }

    private void requireWalletAttestationStillValid(AccessToken token, Instant now) throws IssuanceRejection {
        if (token.getWiaStatusUri() == null) {
            return;
        }
        try {
            int status = statusLists.status(token.getWiaStatusUri(), token.getWiaStatusIndex(), token.getWalletProviderId(), now);
            if (status != StatusListEntry.VALID) {
                throw new IssuanceRejection(Reason.WALLET_ATTESTATION_REVOKED, "the wallet instance's attestation was revoked");
            }
        } catch (StatusListReader.StatusUnknown e) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_STATUS_UNKNOWN, "the client attestation's status cannot be checked: "
                    + e.getMessage());
        }
    }

    /** TS3 §2.4.3: the PID's technical validity ends before the WIA's and the KA's status maintenance ends, and by the KA's exp. */
    private Instant credentialExpiry(AccessToken token, VerifiedKeyAttestation ka, Instant now) throws IssuanceRejection {
        Instant limit = now.plus(settings.credentialLifetime());
        if (token.getWiaStatusExpiresAt() != null && token.getWiaStatusExpiresAt().minusSeconds(1).isBefore(limit)) {
            limit = token.getWiaStatusExpiresAt().minusSeconds(1);
        }
        if (ka.statusMaintainedUntil().minusSeconds(1).isBefore(limit)) {
            limit = ka.statusMaintainedUntil().minusSeconds(1);
        }
        if (ka.expiresAt().isBefore(limit)) {
            limit = ka.expiresAt(); // issue #6: never past the KA's own exp (TS3 §2.4.2)
        }
        if (limit.isBefore(now.plus(Duration.ofHours(1)))) {
            throw new IssuanceRejection(Reason.LIFETIME_TOO_SHORT, "the attestations' status is maintained for less than an hour more;"
                    + " get fresh attestations from the Wallet Provider");
        }
        return limit;
    }
}
