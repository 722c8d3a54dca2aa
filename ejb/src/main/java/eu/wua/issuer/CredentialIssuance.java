package eu.wua.issuer;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

import eu.wua.audit.AuditTrail;
import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.Digests;
import eu.wua.status.StatusListAllocator;
import eu.wua.status.StatusListEntry;
import eu.wua.status.StatusListPublisher;
import eu.wua.status.StatusLookup;
import eu.wua.status.StatusReference;
import eu.wua.status.StatusUnknown;
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
    private ClientAttestationVerifier clientAttestations;

    @Inject
    private DpopProofVerifier dpopProofs;

    @Inject
    private StatusLookup statusLists;

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

    @Inject
    private Clock clock;

    public record Issued(List<String> credentials, String offerId) {
    }

    /**
     * The sender of the token is its holder: a DPoP-bound token comes with a proof by its key
     * (RFC 9449 §7), a Bearer token with the client attestation it was issued on ({@link #requireTokenHolder}).
     */
    public Issued issue(PresentedToken presented, String dpopProof, String wia, String pop, JsonObject body)
            throws IssuanceRejection, WscdException {
        Instant now = clock.instant();
        AccessToken token = requireLiveToken(em.find(AccessToken.class, Digests.sha256Hex(presented.token())), now);
        if (token.getDpopJkt() != null) {
            requireDpopScheme(presented);
            requireSameDpopKey(token, dpopProofs.verify(dpopProof, new DpopProofVerifier.Request("POST", settings.endpoint("credential"),
                    Optional.of(presented.token())), now));
        } else {
            requireBearerScheme(presented);
            requireTokenHolder(token, clientAttestations.verifyTokenHolder(wia, pop, now));
        }
        CredentialRequest request = CredentialRequest.parse(body);
        requireIdentifierUse(request, token);
        CredentialConfiguration configuration = requireAuthorizedConfiguration(em.find(CredentialConfiguration.class,
                request.credentialConfigurationId()), request, token);
        VerifiedKeyAttestation ka = verifyProof(request, configuration, now);
        requireSameWalletProvider(ka, token);
        requireWalletAttestationStillValid(token, statusLists, now);
        Instant expiresAt = credentialExpiry(token, ka, settings.credentialLifetime(), now);

        JsonObject attributes = PidAttributes.stored(em.find(CredentialOffer.class, token.getOfferId()).getSubjectAttributes()).json();
        IssuedCredential.Basis basis = new IssuedCredential.Basis(token.getOfferId(), configuration.getId(), token.getWalletProviderId(),
                ka.hash(), ka.status().orElse(null), token.getWiaStatus());
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
                    configuration.getVct(), issuedAtClaim(now), expiresAt, key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), status, attributes), x5c);
            String jwt = signer.sign(unsigned.header(), unsigned.payload());
            credentials.add(unsigned.withSignedJwt(jwt));
            em.persist(new IssuedCredential(id, basis, key.calculateBase64urlEncodedThumbprint("SHA-256"), position.listId(), position.index(),
                    now, expiresAt));
            ids.add(id);
        }
        audit.record("wallet:" + token.getInstanceKeyThumbprint(), "credential.issued", token.getOfferId(), Map.of(
                "credential_configuration_id", configuration.getId(), "count", String.valueOf(count),
                "attested_keys", String.valueOf(ka.attestedKeys().size()), "batch_size", String.valueOf(configuration.getBatchSize()),
                "key_attestation", ka.hash(), "credential_ids", String.join(",", ids), "exp", expiresAt.toString()));
        return new Issued(credentials, token.getOfferId());
    }

    /** An access token as the {@code Authorization} header presents it: {@code DPoP} (RFC 9449 §7.1) or {@code Bearer} (RFC 6750 §2.1). */
    public record PresentedToken(boolean dpop, String token) {
    }

    public static PresentedToken presentedToken(String authorization) throws IssuanceRejection {
        for (String scheme : List.of("DPoP ", "Bearer ")) {
            if (authorization != null && authorization.regionMatches(true, 0, scheme, 0, scheme.length())
                    && !authorization.substring(scheme.length()).isBlank()) {
                return new PresentedToken(scheme.startsWith("DPoP"), authorization.substring(scheme.length()).strip());
            }
        }
        throw new IssuanceRejection(Reason.TOKEN_MISSING, "send the access token as Authorization: DPoP <token> with a DPoP proof");
    }

    /** RFC 9449 §7.1: a DPoP-bound token is refused as Bearer, where the proof would be skipped. */
    static void requireDpopScheme(PresentedToken presented) throws IssuanceRejection {
        if (!presented.dpop()) {
            throw new IssuanceRejection(Reason.TOKEN_DPOP_BOUND, "the access token is DPoP-bound: send it as Authorization: DPoP with a DPoP proof");
        }
    }

    static void requireBearerScheme(PresentedToken presented) throws IssuanceRejection {
        if (presented.dpop()) {
            throw new IssuanceRejection(Reason.TOKEN_NOT_DPOP_BOUND, "the access token is not DPoP-bound: it was issued without a DPoP proof");
        }
    }

    static void requireSameDpopKey(AccessToken token, String proofKeyThumbprint) throws IssuanceRejection {
        if (!token.getDpopJkt().equals(proofKeyThumbprint)) {
            throw new IssuanceRejection(Reason.DPOP_OTHER_KEY, "the DPoP proof is signed by another key than the one the access token is bound to");
        }
    }

    /** RFC 6750 §3: the token, found by its hash, unexpired ({@code null} when not found). */
    static AccessToken requireLiveToken(AccessToken token, Instant now) throws IssuanceRejection {
        if (token == null || !now.isBefore(token.getExpiresAt())) {
            throw new IssuanceRejection(Reason.TOKEN_INVALID, "the access token is unknown or expired");
        }
        return token;
    }

    /**
     * A Bearer token alone proves nothing about who sends it (issue #18: instance B used instance A's
     * token with its own KA and got A's PID). The token was issued to the wallet instance key of a
     * client attestation, so the credential request must carry a client attestation and a fresh PoP
     * (its own {@code jti}) by that same key: a thief holds the token but not the instance's private
     * key, which stays in the wallet's WSCD. The instance key rather than the KA's keys binds the
     * request because the KA says nothing about which instance asked for it.
     */
    static void requireTokenHolder(AccessToken token, ClientAttestationVerifier.AttestedClient client) throws IssuanceRejection {
        if (!token.getInstanceKeyThumbprint().equals(client.thumbprint()) || !token.getWalletProviderId().equals(client.walletProviderId())) {
            throw new IssuanceRejection(Reason.TOKEN_OTHER_CLIENT, "the access token was issued to another wallet instance");
        }
    }

    /** The configuration asked for exists ({@code null} when not) and is the one the token's offer is for. */
    static CredentialConfiguration requireAuthorizedConfiguration(CredentialConfiguration configuration, CredentialRequest request,
            AccessToken token) throws IssuanceRejection {
        if (configuration == null) {
            throw new IssuanceRejection(Reason.CREDENTIAL_CONFIGURATION_UNKNOWN, "no credential configuration " + request.credentialConfigurationId());
        }
        if (!configuration.getId().equals(token.getCredentialConfigurationId())) {
            throw new IssuanceRejection(Reason.CREDENTIAL_CONFIGURATION_UNKNOWN, "the offer behind this token is for "
                    + token.getCredentialConfigurationId() + ", not " + configuration.getId());
        }
        return configuration;
    }

    /** VCI §8.2: credential_identifier exactly when the token response gave identifiers, and then one of them. */
    static void requireIdentifierUse(CredentialRequest request, AccessToken token) throws IssuanceRejection {
        if (token.getCredentialIdentifier() == null && request.byIdentifier()) {
            throw new IssuanceRejection(Reason.CREDENTIAL_IDENTIFIER_UNKNOWN, "this access token came with no credential identifiers:"
                    + " send credential_configuration_id");
        }
        if (token.getCredentialIdentifier() != null && !request.byIdentifier()) {
            throw new IssuanceRejection(Reason.CREDENTIAL_REQUEST_MALFORMED, "this access token came with credential identifiers"
                    + " (authorization_details): send credential_identifier, not credential_configuration_id (VCI §8.2)");
        }
        if (token.getCredentialIdentifier() != null && !token.getCredentialIdentifier().equals(request.credentialConfigurationId())) {
            throw new IssuanceRejection(Reason.CREDENTIAL_IDENTIFIER_UNKNOWN, "credential_identifier is not one the token response gave");
        }
    }

    private VerifiedKeyAttestation verifyProof(CredentialRequest request, CredentialConfiguration configuration, Instant now)
            throws IssuanceRejection {
        String proof = request.requireOneProof(configuration);
        return switch (request.proofType()) {
            case JWT -> proofs.verifyJwtProof(proof, configuration, now);
            case ATTESTATION -> proofs.verifyAttestationProof(proof, configuration, now);
        };
    }

    static void requireSameWalletProvider(VerifiedKeyAttestation ka, AccessToken token) throws IssuanceRejection {
        if (!ka.walletProviderId().equals(token.getWalletProviderId())) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_OTHER_PROVIDER,
                    "the key attestation comes from another Wallet Provider than the client attestation");
        }
    }

    /** The WIA the token was issued on may have been revoked since: its status is read again. */
    static void requireWalletAttestationStillValid(AccessToken token, StatusLookup statusLists, Instant now) throws IssuanceRejection {
        if (token.getWiaStatus() == null) {
            return;
        }
        try {
            int status = statusLists.status(token.getWiaStatus().uri(), token.getWiaStatus().index(), token.getWalletProviderId(), now);
            if (status != StatusListEntry.VALID) {
                throw new IssuanceRejection(Reason.WALLET_ATTESTATION_REVOKED, "the wallet instance's attestation was revoked");
            }
        } catch (StatusUnknown e) {
            throw new IssuanceRejection(Reason.WALLET_ATTESTATION_STATUS_UNKNOWN, "the client attestation's status cannot be checked: "
                    + e.getMessage());
        }
    }

    /**
     * HAIP §6.1, RFC 9901 §10.1: a credential's {@code iat} is the start of its UTC day, so that the
     * second it was issued cannot link its presentations (the exact time stays in the issuer's own
     * records and the audit trail).
     */
    static Instant issuedAtClaim(Instant now) {
        return now.truncatedTo(ChronoUnit.DAYS);
    }

    /**
     * TS3 §2.4.3: the PID's technical validity ends before the WIA's and the KA's status maintenance ends, and by the KA's exp;
     * rounded down to the start of a UTC day (HAIP §6.1), or of an hour when the limits end within the day, which keeps it
     * within those limits.
     */
    static Instant credentialExpiry(AccessToken token, VerifiedKeyAttestation ka, Duration lifetime, Instant now) throws IssuanceRejection {
        Instant limit = now.plus(lifetime);
        if (token.getWiaStatusExpiresAt() != null && token.getWiaStatusExpiresAt().minusSeconds(1).isBefore(limit)) {
            limit = token.getWiaStatusExpiresAt().minusSeconds(1);
        }
        if (ka.statusMaintainedUntil().minusSeconds(1).isBefore(limit)) {
            limit = ka.statusMaintainedUntil().minusSeconds(1);
        }
        if (ka.expiresAt().isBefore(limit)) {
            limit = ka.expiresAt(); // issue #6: never past the KA's own exp (TS3 §2.4.2)
        }
        Instant byDay = limit.truncatedTo(ChronoUnit.DAYS);
        // attestations maintained for less than a day more: the hour is as coarse as the limits allow
        Instant rounded = byDay.isBefore(now.plus(Duration.ofHours(1))) ? limit.truncatedTo(ChronoUnit.HOURS) : byDay;
        if (rounded.isBefore(now.plus(Duration.ofHours(1)))) {
            throw new IssuanceRejection(Reason.LIFETIME_TOO_SHORT, "the attestations' status is maintained for too short a time more"
                    + " (the credential's exp, rounded down to an hour, would be less than an hour away); get fresh attestations from the"
                    + " Wallet Provider");
        }
        return rounded;
    }
}
