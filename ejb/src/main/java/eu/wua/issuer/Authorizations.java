package eu.wua.issuer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.Digests;

/**
 * The authorization endpoint (RFC 6749 §4.1.1, RFC 9126 §4): it takes only a pushed request's
 * {@code request_uri}, once, for the client that pushed it; the person then authenticates through
 * the {@link PersonAuthenticator} in a session of the page (a random value in a hidden input, kept as
 * its SHA-256), and the answer is a redirect with {@code code}, {@code state} and {@code iss} (RFC
 * 9207). Too many failed attempts void the request.
 */
@Stateless
public class Authorizations {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Instance<PersonAuthenticator> authenticators;

    @Inject
    private IssuerSettings settings;

    @Inject
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /**
     * The page to show: the session it continues, the form authenticator's heading and inputs (none when only
     * handoffs serve), the links of the authenticators that hand the person elsewhere, and what went wrong so far.
     */
    public record Page(String session, String title, List<PersonAuthenticator.Input> inputs, List<PersonAuthenticator.Handoff> handoffs,
            String clientId, String configurationId, Optional<String> message) {
    }

    /** What the person's submission led to. */
    public sealed interface Outcome {
    }

    /** Authenticated or not: the browser goes back to the wallet with this URI. */
    public record Redirect(String location) implements Outcome {
    }

    /** The person may try again. */
    public record Retry(Page page) implements Outcome {
    }

    /** The request is over without a code: the message says why, the link goes back to the wallet with the error. */
    public record Ended(String message, String back) implements Outcome {
    }

    public Page open(String clientId, String requestUri) throws IssuanceRejection {
        Instant now = clock.instant();
        List<PersonAuthenticator> available = requireAuthenticators();
        PushedAuthorization pushed = requireOpenable(requestUri == null ? null : em.find(PushedAuthorization.class,
                Digests.sha256Hex(requestUri)), clientId, now);
        String session = BearerSecrets.next();
        // of two browsers opening one request_uri at once, on any node, exactly one gets the page
        int opened = em.createQuery("UPDATE PushedAuthorization p SET p.openedAt = :now, p.sessionHash = :session"
                        + " WHERE p.requestUriHash = :hash AND p.openedAt IS NULL")
                .setParameter("now", now).setParameter("session", Digests.sha256Hex(session)).setParameter("hash", pushed.getRequestUriHash())
                .executeUpdate();
        if (opened != 1) {
            throw new IssuanceRejection(Reason.REQUEST_URI_USED, "this authorization request was opened already: start again from your wallet");
        }
        audit.record("wallet:" + clientId, "authorization.opened", pushed.request().offerId(), Map.of("client_id", clientId,
                "authenticator", String.join(",", available.stream().map(PersonAuthenticator::id).toList())));
        return page(session, pushed, Optional.empty());
    }

    /** RFC 9126 §4: a request_uri of ours, unexpired, of this client, not used before. */
    static PushedAuthorization requireOpenable(PushedAuthorization pushed, String clientId, Instant now) throws IssuanceRejection {
        if (pushed == null) {
            throw new IssuanceRejection(Reason.REQUEST_URI_UNKNOWN, "the request_uri is not one this issuer gave: push the request first (PAR)");
        }
        if (clientId == null || !clientId.equals(pushed.request().clientId())) {
            throw new IssuanceRejection(Reason.REQUEST_URI_OTHER_CLIENT, "the request_uri was pushed by another client than client_id");
        }
        if (pushed.getOpenedAt() != null) {
            throw new IssuanceRejection(Reason.REQUEST_URI_USED, "this authorization request was opened already: start again from your wallet");
        }
        if (!now.isBefore(pushed.getExpiresAt())) {
            throw new IssuanceRejection(Reason.REQUEST_URI_EXPIRED, "the request_uri expired at " + pushed.getExpiresAt()
                    + ": start again from your wallet");
        }
        return pushed;
    }

    public Outcome submit(String session, Map<String, String> inputs) throws IssuanceRejection {
        Instant now = clock.instant();
        PersonAuthenticator authenticator = requireFormAuthenticator();
        PushedAuthorization pushed = liveSession(session);
        if (expired(pushed, now)) {
            return expire(pushed, authenticator, now);
        }
        Optional<PersonAuthenticator.AuthenticatedPerson> person = authenticator.authenticate(Map.copyOf(inputs));
        if (person.isEmpty()) {
            return failed(pushed, authenticator, session, now, "The sign-in failed: check what you typed.");
        }
        return authorized(pushed, authenticator, person.get(), now);
    }

    /**
     * The person's browser is back from the party {@code authenticatorId} handed it to; the session is the one the
     * page was opened with (the browser's cookie, so that an answer is taken only by the browser that asked for it).
     */
    public Outcome resume(String session, String authenticatorId, Map<String, String> parameters) throws IssuanceRejection {
        Instant now = clock.instant();
        PersonAuthenticator authenticator = requireHandoffAuthenticator(authenticatorId);
        PushedAuthorization pushed = liveSession(session);
        if (expired(pushed, now)) {
            return expire(pushed, authenticator, now);
        }
        PersonAuthenticator.Returned returned = authenticator.resume(pushed.getRequestUriHash(), Map.copyOf(parameters));
        if (returned instanceof PersonAuthenticator.Refused refused) {
            return failed(pushed, authenticator, session, now, refused.message());
        }
        return authorized(pushed, authenticator, ((PersonAuthenticator.Vouched) returned).person(), now);
    }

    private PushedAuthorization liveSession(String session) throws IssuanceRejection {
        return requireLiveSession(session == null || session.length() > 128 ? Optional.empty() : em.createQuery(
                "SELECT p FROM PushedAuthorization p WHERE p.sessionHash = :session", PushedAuthorization.class)
                .setParameter("session", Digests.sha256Hex(session)).getResultStream().findFirst());
    }

    private boolean expired(PushedAuthorization pushed, Instant now) {
        return !now.isBefore(pushed.getOpenedAt().plus(settings.authorizationSessionLifetime()));
    }

    private Ended expire(PushedAuthorization pushed, PersonAuthenticator authenticator, Instant now) {
        complete(pushed, now);
        return ended(pushed.request(), "The sign-in took too long and this request is void. Start again from your wallet.",
                "authorization.expired", authenticator);
    }

    /** The person is known: the request is completed once, the offer gets the person, and the wallet a code. */
    private Redirect authorized(PushedAuthorization pushed, PersonAuthenticator authenticator, PersonAuthenticator.AuthenticatedPerson person,
            Instant now) throws IssuanceRejection {
        PushedAuthorization.Request request = pushed.request();
        PidAttributes attributes = PidAttributes.parse(person.pidAttributes())
                .withIssuingDefaults(settings.issuingAuthority(), settings.issuingCountry());
        if (!complete(pushed, now)) {
            throw new IssuanceRejection(Reason.AUTHORIZATION_SESSION_UNKNOWN, "this authorization is finished: start again from your wallet");
        }
        CredentialOffer offer = grant(request, attributes.json(), authenticator, now);
        String code = BearerSecrets.next();
        em.persist(new AuthorizationCode(Digests.sha256Hex(code), offer.getId(), request, now, now.plus(settings.authorizationCodeLifetime())));
        audit.record("wallet:" + request.clientId(), "authorization.granted", offer.getId(), Map.of("client_id", request.clientId(),
                "authenticator", authenticator.id(), "person", person.reference(), "credential_configuration_id",
                request.credentialConfigurationId(), "subject_ref", String.valueOf(offer.getSubjectRef())));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", code);
        return new Redirect(redirect(request, parameters));
    }

    /** A session this endpoint gave, of a request not completed or voided yet. */
    static PushedAuthorization requireLiveSession(Optional<PushedAuthorization> found) throws IssuanceRejection {
        PushedAuthorization pushed = found.orElseThrow(() -> new IssuanceRejection(Reason.AUTHORIZATION_SESSION_UNKNOWN,
                "this sign-in page is not one this issuer is waiting for: start again from your wallet"));
        if (pushed.getCompletedAt() != null) {
            throw new IssuanceRejection(Reason.AUTHORIZATION_SESSION_UNKNOWN, "this authorization is finished: start again from your wallet");
        }
        return pushed;
    }

    private Outcome failed(PushedAuthorization pushed, PersonAuthenticator authenticator, String session, Instant now, String why) {
        int max = settings.maxAuthenticationFailures();
        // counted with a conditional UPDATE, so that parallel guesses on any node are counted one by one and at most max of them
        em.createQuery("UPDATE PushedAuthorization p SET p.authenticationFailures = p.authenticationFailures + 1"
                + " WHERE p.requestUriHash = :hash AND p.authenticationFailures < :max AND p.completedAt IS NULL")
                .setParameter("hash", pushed.getRequestUriHash()).setParameter("max", max).executeUpdate();
        int failures = em.createQuery("SELECT p.authenticationFailures FROM PushedAuthorization p WHERE p.requestUriHash = :hash", Integer.class)
                .setParameter("hash", pushed.getRequestUriHash()).getSingleResult();
        audit.record("wallet:" + pushed.request().clientId(), "authorization.authentication_failed", pushed.request().offerId(), Map.of(
                "client_id", pushed.request().clientId(), "authenticator", authenticator.id(), "failures", String.valueOf(failures),
                "reason", why));
        if (failures >= max) {
            complete(pushed, now);
            return ended(pushed.request(), "The sign-in failed " + max + " times, so this request is void. Start again from your wallet.",
                    "authorization.void", authenticator);
        }
        int left = max - failures;
        return new Retry(page(session, pushed, Optional.of(why + " " + left + (left == 1 ? " try" : " tries") + " left.")));
    }

    private Ended ended(PushedAuthorization.Request request, String message, String event, PersonAuthenticator authenticator) {
        audit.record("wallet:" + request.clientId(), event, request.offerId(), Map.of("client_id", request.clientId(),
                "authenticator", authenticator.id()));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", "access_denied");
        parameters.put("error_description", message.replace("\"", ""));
        return new Ended(message, redirect(request, parameters));
    }

    /** Marks the request completed; false when another request of the same session did first. */
    private boolean complete(PushedAuthorization pushed, Instant now) {
        return em.createQuery("UPDATE PushedAuthorization p SET p.completedAt = :now WHERE p.requestUriHash = :hash AND p.completedAt IS NULL")
                .setParameter("now", now).setParameter("hash", pushed.getRequestUriHash()).executeUpdate() == 1;
    }

    /** The offer of the issuer_state gets the person, once; without one the authorization is recorded as an offer accepted at once. */
    private CredentialOffer grant(PushedAuthorization.Request request, JsonObject attributes, PersonAuthenticator authenticator, Instant now)
            throws IssuanceRejection {
        CredentialOffer offer;
        if (request.offerId() != null) {
            requireOfferTaken(em.createQuery("UPDATE CredentialOffer o SET o.redeemedAt = :now WHERE o.id = :id AND o.redeemedAt IS NULL")
                    .setParameter("now", now).setParameter("id", request.offerId()).executeUpdate());
            offer = em.find(CredentialOffer.class, request.offerId());
            em.refresh(offer);
        } else {
            offer = CredentialOffer.forAuthorization(UUID.randomUUID().toString(), request.credentialConfigurationId(), null,
                    "wallet:" + request.clientId(), now, now);
            em.persist(offer);
        }
        offer.authorize(attributes.toString(), PidSubject.reference(attributes).orElse(null), authenticator.id(), now);
        return offer;
    }

    /** An offer's issuer_state is good for one authorization: of two requests pushed with it, the first to authenticate takes it. */
    static void requireOfferTaken(int rowsChanged) throws IssuanceRejection {
        if (rowsChanged != 1) {
            throw new IssuanceRejection(Reason.AUTHORIZATION_VOID, "the offer this request came from was taken already");
        }
    }

    /** RFC 6749 §4.1.2, RFC 9207: the redirect URI with the parameters, {@code state} and {@code iss} added to its query. */
    private String redirect(PushedAuthorization.Request request, Map<String, String> parameters) {
        if (request.state() != null) {
            parameters.put("state", request.state());
        }
        parameters.put("iss", settings.identifier());
        StringBuilder location = new StringBuilder(request.redirectUri());
        char separator = request.redirectUri().contains("?") ? '&' : '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            location.append(separator).append(parameter.getKey()).append('=').append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return location.toString();
    }

    /** The page of one showing: the form of the form authenticator, and a fresh link of each authenticator that hands the person elsewhere. */
    private Page page(String session, PushedAuthorization pushed, Optional<String> message) {
        PushedAuthorization.Request request = pushed.request();
        Optional<PersonAuthenticator> form = formAuthenticator();
        List<PersonAuthenticator.Handoff> handoffs = available().filter(a -> a.inputs().isEmpty())
                .flatMap(a -> a.handoff(pushed.getRequestUriHash()).stream()).toList();
        return new Page(session, form.map(PersonAuthenticator::title).orElse("Sign in"), form.map(PersonAuthenticator::inputs).orElse(List.of()),
                handoffs, request.clientId(), request.credentialConfigurationId(), message);
    }

    private Stream<PersonAuthenticator> available() {
        return authenticators.stream().filter(PersonAuthenticator::available);
    }

    /** The first available authenticator with a form: the one the page's form posts to. */
    private Optional<PersonAuthenticator> formAuthenticator() {
        return available().filter(a -> !a.inputs().isEmpty()).findFirst();
    }

    private PersonAuthenticator requireFormAuthenticator() throws IssuanceRejection {
        return requireAvailable(available().filter(a -> !a.inputs().isEmpty()));
    }

    private PersonAuthenticator requireHandoffAuthenticator(String id) throws IssuanceRejection {
        return requireAvailable(available().filter(a -> a.inputs().isEmpty() && a.id().equals(id)));
    }

    /** Every available authenticator; none is a refusal the person can read. */
    private List<PersonAuthenticator> requireAuthenticators() throws IssuanceRejection {
        List<PersonAuthenticator> available = available().toList();
        requireAvailable(available.stream());
        return available;
    }

    static PersonAuthenticator requireAvailable(Stream<PersonAuthenticator> candidates) throws IssuanceRejection {
        return candidates.filter(PersonAuthenticator::available).findFirst().orElseThrow(() -> new IssuanceRejection(
                Reason.AUTHENTICATOR_UNAVAILABLE, "this issuer has no way to authenticate you yet (no authenticator is configured)"));
    }
}
