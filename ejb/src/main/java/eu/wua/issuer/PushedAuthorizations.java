package eu.wua.issuer;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.Digests;

/**
 * The PAR endpoint (RFC 9126 §2): the client attestation first (the same checks as at the token
 * endpoint, ABCA-07 §4, with {@code client_id} its {@code sub}), then the request, the
 * configuration it asks for, the offer of its {@code issuer_state}, and the DPoP key the code is to
 * be bound to (RFC 9449 §10). The {@code request_uri} is random; only its SHA-256 is kept.
 */
@Stateless
public class PushedAuthorizations {

    static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private ClientAttestationVerifier clientAttestations;

    @Inject
    private DpopProofVerifier dpopProofs;

    @Inject
    private IssuerSettings settings;

    @Inject
    private AuditTrail audit;

    @Inject
    private Clock clock;

    public record Pushed(String requestUri, long expiresIn) {
    }

    public Pushed push(PushedAuthorizationRequest request, String wia, String pop, String dpopProof) throws IssuanceRejection {
        Instant now = clock.instant();
        ClientAttestationVerifier.AttestedClient client = clientAttestations.verify(wia, pop, now);
        requireClientIdOfAttestation(request.clientId(), client.subject());
        String configurationId = request.requireOneConfiguration();
        requireKnownConfiguration(em.find(CredentialConfiguration.class, configurationId), configurationId, request);
        Optional<String> offerId = request.issuerState().isPresent()
                ? Optional.of(requireAuthorizationOffer(findOffer(request.issuerState().get()), configurationId, now).getId()) : Optional.empty();
        Optional<String> dpopJkt = codeBinding(request.dpopJkt(), dpopProof, now);

        String requestUri = REQUEST_URI_PREFIX + BearerSecrets.next();
        Instant expiresAt = now.plus(settings.parLifetime());
        em.persist(new PushedAuthorization(Digests.sha256Hex(requestUri), new PushedAuthorization.Request(request.clientId(),
                client.walletProviderId(), client.thumbprint(), request.redirectUri(), request.codeChallenge(), configurationId,
                request.authorizationDetails().orElse(null), request.state().orElse(null), offerId.orElse(null), dpopJkt.orElse(null)), now,
                expiresAt));
        audit.record("wallet:" + client.thumbprint(), "authorization.pushed", offerId.orElse(null), Map.of("client_id", request.clientId(),
                "wallet_provider", client.walletProviderId(), "credential_configuration_id", configurationId,
                "dpop_bound", String.valueOf(dpopJkt.isPresent()), "issuer_state", String.valueOf(offerId.isPresent()),
                "expires_at", expiresAt.toString()));
        return new Pushed(requestUri, settings.parLifetime().toSeconds());
    }

    /** HAIP §4.4.1, ABCA-07 §4: the client is the one the attestation names. */
    static void requireClientIdOfAttestation(String clientId, String attestedSubject) throws IssuanceRejection {
        if (!clientId.equals(attestedSubject)) {
            throw new IssuanceRejection(Reason.CLIENT_ID_MISMATCH, "client_id must be the sub of the client attestation");
        }
    }

    /** VCI §5.1: a scope is a configuration's {@code scope} (its id here); authorization_details names its id. */
    static CredentialConfiguration requireKnownConfiguration(CredentialConfiguration found, String configurationId,
            PushedAuthorizationRequest request) throws IssuanceRejection {
        if (found == null) {
            if (request.detailsConfigurationId().isPresent()) {
                throw new IssuanceRejection(Reason.AUTHORIZATION_DETAILS_INVALID, "no credential configuration " + shortened(configurationId));
            }
            throw new IssuanceRejection(Reason.SCOPE_UNKNOWN, "no credential configuration has the scope " + shortened(configurationId));
        }
        return found;
    }

    private Optional<CredentialOffer> findOffer(String issuerState) {
        return em.createQuery("SELECT o FROM CredentialOffer o WHERE o.issuerStateHash = :hash", CredentialOffer.class)
                .setParameter("hash", Digests.sha256Hex(issuerState)).getResultStream().findFirst();
    }

    /** VCI §4.1.1: issuer_state names an offer of ours, for this configuration, not taken yet and unexpired. */
    static CredentialOffer requireAuthorizationOffer(Optional<CredentialOffer> found, String configurationId, Instant now)
            throws IssuanceRejection {
        CredentialOffer offer = found.orElseThrow(() -> new IssuanceRejection(Reason.ISSUER_STATE_UNKNOWN, "issuer_state names no offer"));
        if (offer.getRedeemedAt() != null || !now.isBefore(offer.getExpiresAt())) {
            throw new IssuanceRejection(Reason.ISSUER_STATE_UNKNOWN, "the offer of this issuer_state was taken already or expired");
        }
        if (!offer.getCredentialConfigurationId().equals(configurationId)) {
            throw new IssuanceRejection(Reason.ISSUER_STATE_UNKNOWN, "the offer of this issuer_state is for " + offer.getCredentialConfigurationId());
        }
        return offer;
    }

    /** RFC 9449 §10: the DPoP header's key, or dpop_jkt; both given, they must be the same key. */
    private Optional<String> codeBinding(Optional<String> dpopJkt, String proof, Instant now) throws IssuanceRejection {
        if (proof == null || proof.isBlank()) {
            return dpopJkt;
        }
        String proofKey = dpopProofs.verify(proof, new DpopProofVerifier.Request("POST", settings.endpoint("par"), Optional.empty()), now);
        requireSameKey(dpopJkt, proofKey);
        return Optional.of(proofKey);
    }

    static void requireSameKey(Optional<String> dpopJkt, String proofKey) throws IssuanceRejection {
        if (dpopJkt.isPresent() && !dpopJkt.get().equals(proofKey)) {
            throw new IssuanceRejection(Reason.DPOP_OTHER_KEY, "dpop_jkt is not the thumbprint of the DPoP proof's key (RFC 9449 §10)");
        }
    }

    private static String shortened(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
