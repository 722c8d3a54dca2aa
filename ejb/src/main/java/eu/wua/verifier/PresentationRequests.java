package eu.wua.verifier;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.StringReader;
import java.net.URI;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.issuer.BearerSecrets;
import eu.wua.platform.Digests;
import eu.wua.issuer.PidConfiguration;
import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.platform.PlatformSettings;
import eu.wua.wscd.WscdException;

/**
 * The OpenID4VP requests of the re-issuance authenticator, from the link on the authorization page
 * to the result the person's browser takes back: made for one authorization (an opaque reference),
 * fetched by reference, answered once by {@code direct_post}, the answer verified by
 * {@link Presentations} (this platform's PID, status valid, key binding to this request) and its
 * result handed over once, to the browser that comes back with the response code (OpenID4VP §8.2).
 */
@Stateless
public class PresentationRequests {

    /** Where a wallet posts its answer; public, like the request objects. */
    public static final String RESPONSE_PATH = "/verifier/openid4vp/responses";
    public static final String REQUEST_PATH = "/verifier/openid4vp/requests/";

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private VerifierNonces nonces;

    @Inject
    private Presentations presentations;

    @Inject
    private PlatformKeys platformKeys;

    @Inject
    private PlatformSettings settings;

    @Inject
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /** A request the wallet cannot answer: unknown, answered already or expired. Nothing is recorded. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static final class Unanswerable extends Exception {
        private static final long serialVersionUID = 1L;

        Unanswerable(String message) {
            super(message);
        }
    }

    /** This verifier's client identifier, {@code x509_san_dns:} and the host its request signer's certificate names. */
    public String clientId() {
        return OpenId4VpRequest.clientId(signerHost().orElseThrow(() -> new IllegalStateException(
                "the presentation-requests certificate names no DNS host")));
    }

    /** Whether the signer's certificate names the host of the public base URL, as a wallet will check against the response URI. */
    public boolean signerNamesPublicHost() {
        return signerHost().filter(host -> host.equalsIgnoreCase(URI.create(settings.publicBaseUrl()).getHost())).isPresent();
    }

    private Optional<String> signerHost() {
        X509Certificate leaf = platformKeys.certificateChain(PlatformKeyPurpose.PRESENTATION_REQUESTS).get(0);
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            return names == null ? Optional.empty() : names.stream().filter(name -> Integer.valueOf(2).equals(name.get(0)))
                    .map(name -> (String) name.get(1)).findFirst();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
    }

    /** A new request for one showing of the authorization page: its {@code openid4vp://} link. */
    public String create(String authorizationRef) {
        Instant now = clock.instant();
        VerifierNonces.Issued nonce = nonces.issue();
        String id = BearerSecrets.next();
        em.persist(new PresentationRequest(Digests.sha256Hex(id), authorizationRef, Digests.sha256Hex(state(id)), nonce.nonce(), now,
                now.plusSeconds(nonce.expiresIn())));
        return OpenId4VpRequest.link(clientId(), settings.publicBaseUrl() + REQUEST_PATH + id);
    }

    /**
     * The request's {@code state}: derived from its id by a digest with another prefix, so that the
     * row keeps neither and a wallet needs the request object to answer.
     */
    private static String state(String id) {
        return Digests.sha256Hex("state:" + id);
    }

    /** The signed request object of {@code id} (JAR by reference). */
    public String requestObject(String id) throws Unanswerable, WscdException {
        PresentationRequest request = open(id == null || id.length() > 64 ? null : em.find(PresentationRequest.class, Digests.sha256Hex(id)));
        List<X509Certificate> chain = platformKeys.certificateChain(PlatformKeyPurpose.PRESENTATION_REQUESTS);
        JsonObject payload = OpenId4VpRequest.payload(clientId(), settings.publicBaseUrl() + RESPONSE_PATH, request.getNonce(), state(id),
                PidConfiguration.VCT, PidConfiguration.MANDATORY_ATTRIBUTES, clock.instant(), request.getExpiresAt());
        return platformKeys.signCompactJws(PlatformKeyPurpose.PRESENTATION_REQUESTS,
                OpenId4VpRequest.header(chain.subList(0, chain.size() - 1)), payload);
    }

    private PresentationRequest open(PresentationRequest request) throws Unanswerable {
        if (request == null) {
            throw new Unanswerable("this presentation request is not one this verifier made");
        }
        if (request.getRespondedAt() != null) {
            throw new Unanswerable("this presentation request was answered already");
        }
        if (!clock.instant().isBefore(request.getExpiresAt())) {
            throw new Unanswerable("this presentation request expired at " + request.getExpiresAt() + ": start the sign-in again");
        }
        return request;
    }

    private PresentationRequest byState(String state) throws Unanswerable {
        return open(state == null || state.length() > 128 ? null : em.createQuery(
                "SELECT r FROM PresentationRequest r WHERE r.stateHash = :state", PresentationRequest.class)
                .setParameter("state", Digests.sha256Hex(state)).getResultStream().findFirst().orElse(null));
    }

    /**
     * The wallet's {@code direct_post}: the presentation verified for this request's nonce and this verifier,
     * and the PID's identifying claims; answers the response code the browser comes back with.
     */
    public String respond(String state, String vpToken, String walletError) throws Unanswerable, PresentationRequestRefused {
        PresentationRequest request = byState(state);
        if (walletError != null) {
            throw new PresentationRequestRefused("WALLET_DECLINED", "wallet", "Your wallet did not present a PID (" + walletError.substring(0,
                    Math.min(64, walletError.length())) + ").");
        }
        PresentationVerifier.Verified verified;
        try {
            verified = presentations.verify(OpenId4VpRequest.presentation(vpToken), new PresentationVerifier.Expected(request.getNonce(),
                    clientId(), List.of()), "wallet");
        } catch (PresentationVerifier.Refused refused) {
            throw PresentationRequestRefused.of(refused);
        }
        JsonObject person = requireIdentifyingClaims(verified.claims());
        String code = BearerSecrets.next();
        int answered = em.createQuery("UPDATE PresentationRequest r SET r.respondedAt = :now, r.outcome = :outcome, r.claims = :claims,"
                        + " r.keyBindingKeyId = :key, r.responseCodeHash = :code WHERE r.id = :id AND r.respondedAt IS NULL")
                .setParameter("now", clock.instant()).setParameter("outcome", PresentationRequest.Outcome.PRESENTED)
                .setParameter("claims", person.toString()).setParameter("key", verified.keyBindingKeyId())
                .setParameter("code", Digests.sha256Hex(code)).setParameter("id", request.getId()).executeUpdate();
        if (answered != 1) {
            throw new Unanswerable("this presentation request was answered already");
        }
        return code;
    }

    /** The DCQL query's match: a PID of this platform's type that discloses every identifying claim; answers just those. */
    static JsonObject requireIdentifyingClaims(JsonObject claims) throws PresentationRequestRefused {
        if (!PidConfiguration.VCT.equals(claims.getString("vct", null))) {
            throw new PresentationRequestRefused("DCQL_MISMATCH", "dcql", "The credential you presented is not a PID (vct " + claims.getString("vct", "missing")
                    + ").");
        }
        var person = JSON.createObjectBuilder();
        for (String name : PidConfiguration.MANDATORY_ATTRIBUTES) {
            if (!claims.containsKey(name)) {
                throw new PresentationRequestRefused("DCQL_MISMATCH", "dcql", "Your wallet did not disclose " + name + ", which identifies you.");
            }
            person.add(name, claims.get(name));
        }
        return person.build();
    }

    /** A refused answer, recorded on its own after the verification's transaction rolled back; answers the response code too. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String refuse(String state, PresentationRequestRefused refused) throws Unanswerable {
        PresentationRequest request = byState(state);
        String code = BearerSecrets.next();
        int answered = em.createQuery("UPDATE PresentationRequest r SET r.respondedAt = :now, r.outcome = :outcome, r.refusal = :refusal,"
                        + " r.responseCodeHash = :code WHERE r.id = :id AND r.respondedAt IS NULL")
                .setParameter("now", clock.instant()).setParameter("outcome", PresentationRequest.Outcome.REFUSED)
                .setParameter("refusal", truncated(refused.getMessage(), 512)).setParameter("code", Digests.sha256Hex(code))
                .setParameter("id", request.getId()).executeUpdate();
        if (answered != 1) {
            throw new Unanswerable("this presentation request was answered already");
        }
        audit.recordRejection("wallet", "presentation.refused", null, Map.of("reason", refused.reason(), "check", refused.check(), "description",
                truncated(refused.getMessage(), 512)));
        return code;
    }

    /** What the wallet's answer came to, taken once by the browser of {@code authorizationRef} with the response code. */
    public sealed interface Result {
    }

    /** The person the presented PID identifies (its identifying claims) and the key it is bound to. */
    public record Identified(JsonObject claims, String keyBindingKeyId) implements Result {
    }

    /** Why not, in the person's words. */
    public record NotIdentified(String message) implements Result {
    }

    public Result take(String authorizationRef, String responseCode) {
        Optional<PresentationRequest> found = responseCode == null || responseCode.length() > 64 ? Optional.empty() : em.createQuery(
                "SELECT r FROM PresentationRequest r WHERE r.responseCodeHash = :code", PresentationRequest.class)
                .setParameter("code", Digests.sha256Hex(responseCode)).getResultStream().findFirst();
        if (found.isEmpty() || !found.get().getAuthorizationRef().equals(authorizationRef)) {
            return new NotIdentified("The answer you came back with is not one for this sign-in. Present your PID again.");
        }
        int taken = em.createQuery("UPDATE PresentationRequest r SET r.resumedAt = :now WHERE r.id = :id AND r.resumedAt IS NULL")
                .setParameter("now", clock.instant()).setParameter("id", found.get().getId()).executeUpdate();
        if (taken != 1) {
            return new NotIdentified("This answer of your wallet was used already. Present your PID again.");
        }
        PresentationRequest request = found.get();
        if (request.getOutcome() == PresentationRequest.Outcome.PRESENTED) {
            return new Identified(JSON.createReader(new StringReader(request.getClaims())).readObject(), request.getKeyBindingKeyId());
        }
        return new NotIdentified(request.getRefusal());
    }

    private static String truncated(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
