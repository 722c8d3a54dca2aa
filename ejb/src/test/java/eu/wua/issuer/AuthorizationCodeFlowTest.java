package eu.wua.issuer;

import static eu.wua.issuer.IssuerFixture.NOW;
import static eu.wua.issuer.IssuerFixture.assertRefusedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import eu.wua.issuer.IssuanceRejection.Reason;

/** The rules of the authorization code flow (PAR, authorization endpoint, code and refresh grants), one sentence and one reason each. */
class AuthorizationCodeFlowTest {

    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    // RFC 7636 App. B: the challenge of that verifier
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final String CLIENT = "https://wallet.example/instance/1";

    private static Map<String, String> valid() {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("response_type", "code");
        form.put("client_id", CLIENT);
        form.put("redirect_uri", "eu.wua.wallet:/authorized");
        form.put("scope", "pid");
        form.put("code_challenge", CHALLENGE);
        form.put("code_challenge_method", "S256");
        form.put("state", "s1");
        return form;
    }

    private static String form(Map<String, String> parameters) {
        StringBuilder body = new StringBuilder();
        parameters.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private static String with(String name, String value) {
        Map<String, String> form = valid();
        if (value == null) {
            form.remove(name);
        } else {
            form.put(name, value);
        }
        return form(form);
    }

    @Test
    void aValidPushedRequestGivesItsParameters() throws Exception {
        PushedAuthorizationRequest request = PushedAuthorizationRequest.parse(with("dpop_jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"));
        assertEquals(CLIENT, request.clientId());
        assertEquals(Set.of("pid"), request.scopes());
        assertEquals(CHALLENGE, request.codeChallenge());
        assertEquals("pid", request.requireOneConfiguration());
        assertEquals(Optional.of("s1"), request.state());
        assertEquals(Optional.of("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"), request.dpopJkt());
        PushedAuthorizationRequest byDetails = PushedAuthorizationRequest.parse(with("scope", null) + "&authorization_details="
                + URLEncoder.encode("[{\"type\":\"openid_credential\",\"credential_configuration_id\":\"pid\"}]", StandardCharsets.UTF_8));
        assertEquals("pid", byDetails.requireOneConfiguration());
    }

    @Test
    void aRequestUriInsideAPushedRequestIsRefused() {
        assertRefusedFor(Reason.PAR_REQUEST_URI_INSIDE, () -> PushedAuthorizationRequest.parse(with("request_uri", "urn:x")));
    }

    @Test
    void aMissingResponseTypeOrChallengeOfTheWrongShapeOrNoCredentialAskedForIsMalformed() {
        assertRefusedFor(Reason.PAR_MALFORMED, () -> PushedAuthorizationRequest.parse(with("response_type", null)));
        assertRefusedFor(Reason.PAR_MALFORMED, () -> PushedAuthorizationRequest.parse(with("code_challenge", "short")));
        assertRefusedFor(Reason.PAR_MALFORMED, () -> PushedAuthorizationRequest.parse(with("scope", null)));
        assertRefusedFor(Reason.PAR_MALFORMED, () -> PushedAuthorizationRequest.parse(with("dpop_jkt", "not a thumbprint")));
        assertRefusedFor(Reason.PAR_MALFORMED, () -> PushedAuthorizationRequest.parse(with("state", "s".repeat(3000))));
        assertRefusedFor(Reason.PAR_MALFORMED, () -> PushedAuthorizationRequest.parse(with("client_id", null)));
        assertRefusedFor(Reason.PAR_MALFORMED, () -> PushedAuthorizationRequest.parse(form(valid()) + "&state=again"));
    }

    @Test
    void aPushedRequestLargerThanTheBodyLimitIsTooLarge() {
        assertRefusedFor(Reason.PAR_TOO_LARGE, () -> PushedAuthorizationRequest.read(new ByteArrayInputStream(
                ("state=" + "x".repeat(70_000)).getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aResponseTypeOtherThanCodeIsUnsupported() {
        assertRefusedFor(Reason.RESPONSE_TYPE_UNSUPPORTED, () -> PushedAuthorizationRequest.parse(with("response_type", "token")));
    }

    @Test
    void aRedirectUriThatIsRelativeHasAFragmentRunsInTheBrowserOrIsPlainHttpElsewhereIsInvalid() throws Exception {
        for (String uri : List.of("/relative", "https://wallet.example/cb#frag", "javascript:alert(1)", "data:text/html,x",
                "http://wallet.example/cb", "https:///nohost", "not a uri")) {
            assertRefusedFor(Reason.REDIRECT_URI_INVALID, () -> PushedAuthorizationRequest.parse(with("redirect_uri", uri)));
        }
        assertRefusedFor(Reason.REDIRECT_URI_INVALID, () -> PushedAuthorizationRequest.parse(with("redirect_uri", null)));
        PushedAuthorizationRequest.parse(with("redirect_uri", "http://127.0.0.1:5000/cb"));
        PushedAuthorizationRequest.parse(with("redirect_uri", "https://wallet.example/cb?x=1"));
    }

    @Test
    void aRequestWithoutPkceIsRefused() {
        assertRefusedFor(Reason.PKCE_MISSING, () -> PushedAuthorizationRequest.parse(with("code_challenge", null)));
    }

    @Test
    void pkcePlainOrNoMethodWhichMeansPlainIsRefused() {
        assertRefusedFor(Reason.PKCE_METHOD, () -> PushedAuthorizationRequest.parse(with("code_challenge_method", "plain")));
        assertRefusedFor(Reason.PKCE_METHOD, () -> PushedAuthorizationRequest.parse(with("code_challenge_method", null)));
    }

    @Test
    void authorizationDetailsThatAreNotOneOpenIdCredentialEntryAreInvalid() {
        for (String details : List.of("not json", "{}", "[]", "[{\"type\":\"other\",\"credential_configuration_id\":\"pid\"}]",
                "[{\"type\":\"openid_credential\"}]", "[1]", "[" + "[".repeat(100) + "]".repeat(100) + "]")) {
            assertRefusedFor(Reason.AUTHORIZATION_DETAILS_INVALID, () -> PushedAuthorizationRequest.detailsConfigurationId(details));
        }
    }

    @Test
    void anUnknownScopeOrMoreThanOneConfigurationIsAnInvalidScope() throws Exception {
        PushedAuthorizationRequest two = PushedAuthorizationRequest.parse(with("scope", "pid mdl"));
        assertRefusedFor(Reason.SCOPE_UNKNOWN, two::requireOneConfiguration);
        PushedAuthorizationRequest unknown = PushedAuthorizationRequest.parse(with("scope", "mdl"));
        assertRefusedFor(Reason.SCOPE_UNKNOWN, () -> PushedAuthorizations.requireKnownConfiguration(null, "mdl", unknown));
        PushedAuthorizationRequest byDetails = PushedAuthorizationRequest.parse(with("scope", null) + "&authorization_details="
                + URLEncoder.encode("[{\"type\":\"openid_credential\",\"credential_configuration_id\":\"mdl\"}]", StandardCharsets.UTF_8));
        assertRefusedFor(Reason.AUTHORIZATION_DETAILS_INVALID, () -> PushedAuthorizations.requireKnownConfiguration(null, "mdl", byDetails));
    }

    @Test
    void aClientIdOtherThanTheAttestationsSubjectIsRefused() throws Exception {
        assertRefusedFor(Reason.CLIENT_ID_MISMATCH, () -> PushedAuthorizations.requireClientIdOfAttestation("other", CLIENT));
        PushedAuthorizations.requireClientIdOfAttestation(CLIENT, CLIENT);
    }

    @Test
    void anIssuerStateOfNoOfferATakenOrExpiredOfferOrOneForAnotherConfigurationIsUnknown() throws Exception {
        assertRefusedFor(Reason.ISSUER_STATE_UNKNOWN, () -> PushedAuthorizations.requireAuthorizationOffer(Optional.empty(), "pid", NOW));
        CredentialOffer offer = CredentialOffer.forAuthorization("o1", "pid", "state-hash", "operator", NOW, NOW.plusSeconds(600));
        assertRefusedFor(Reason.ISSUER_STATE_UNKNOWN, () -> PushedAuthorizations.requireAuthorizationOffer(Optional.of(offer), "mdl", NOW));
        assertRefusedFor(Reason.ISSUER_STATE_UNKNOWN, () -> PushedAuthorizations.requireAuthorizationOffer(Optional.of(offer), "pid",
                NOW.plusSeconds(600)));
        assertEquals(offer, PushedAuthorizations.requireAuthorizationOffer(Optional.of(offer), "pid", NOW));
        offer.authorize("{}", null, "demo", NOW);
        assertRefusedFor(Reason.ISSUER_STATE_UNKNOWN, () -> PushedAuthorizations.requireAuthorizationOffer(Optional.of(offer), "pid", NOW));
    }

    @Test
    void aDpopJktOfAnotherKeyThanTheProofsIsRefused() throws Exception {
        assertRefusedFor(Reason.DPOP_OTHER_KEY, () -> PushedAuthorizations.requireSameKey(Optional.of("a"), "b"));
        PushedAuthorizations.requireSameKey(Optional.of("a"), "a");
        PushedAuthorizations.requireSameKey(Optional.empty(), "b");
        assertRefusedFor(Reason.DPOP_OTHER_KEY, () -> AuthorizationCodeTokens.requireBoundKey(Optional.of("a"), "b"));
        AuthorizationCodeTokens.requireBoundKey(Optional.empty(), "b");
    }

    private static PushedAuthorization pushed(Instant expiresAt) {
        return new PushedAuthorization("uri-hash", new PushedAuthorization.Request(CLIENT, "wp", "thumbprint", "eu.wua.wallet:/authorized", CHALLENGE, "pid",
                null, "s1", null, null), NOW.minusSeconds(10), expiresAt);
    }

    @Test
    void aRequestUriOfNoPushedRequestIsUnknown() {
        assertRefusedFor(Reason.REQUEST_URI_UNKNOWN, () -> Authorizations.requireOpenable(null, CLIENT, NOW));
    }

    @Test
    void aRequestUriPushedByAnotherClientIsRefused() {
        assertRefusedFor(Reason.REQUEST_URI_OTHER_CLIENT, () -> Authorizations.requireOpenable(pushed(NOW.plusSeconds(50)), "other", NOW));
        assertRefusedFor(Reason.REQUEST_URI_OTHER_CLIENT, () -> Authorizations.requireOpenable(pushed(NOW.plusSeconds(50)), null, NOW));
    }

    @Test
    void anExpiredRequestUriIsRefused() {
        assertRefusedFor(Reason.REQUEST_URI_EXPIRED, () -> Authorizations.requireOpenable(pushed(NOW), CLIENT, NOW));
    }

    @Test
    void aRequestUriOpenedBeforeIsUsed() throws Exception {
        PushedAuthorization pushed = pushed(NOW.plusSeconds(50));
        assertEquals(pushed, Authorizations.requireOpenable(pushed, CLIENT, NOW));
        java.lang.reflect.Field opened = PushedAuthorization.class.getDeclaredField("openedAt");
        opened.setAccessible(true);
        opened.set(pushed, NOW);
        assertRefusedFor(Reason.REQUEST_URI_USED, () -> Authorizations.requireOpenable(pushed, CLIENT, NOW));
    }

    @Test
    void aSessionOfNoRequestOrOfACompletedOneIsUnknown() throws Exception {
        assertRefusedFor(Reason.AUTHORIZATION_SESSION_UNKNOWN, () -> Authorizations.requireLiveSession(Optional.empty()));
        PushedAuthorization pushed = pushed(NOW.plusSeconds(50));
        assertEquals(pushed, Authorizations.requireLiveSession(Optional.of(pushed)));
        java.lang.reflect.Field completed = PushedAuthorization.class.getDeclaredField("completedAt");
        completed.setAccessible(true);
        completed.set(pushed, NOW);
        assertRefusedFor(Reason.AUTHORIZATION_SESSION_UNKNOWN, () -> Authorizations.requireLiveSession(Optional.of(pushed)));
    }

    @Test
    void anOfferAnotherRequestTookFirstVoidsTheAuthorization() throws Exception {
        assertRefusedFor(Reason.AUTHORIZATION_VOID, () -> Authorizations.requireOfferTaken(0));
        Authorizations.requireOfferTaken(1);
    }

    @Test
    void withoutAnAvailableAuthenticatorTheEndpointIsUnavailable() throws Exception {
        assertRefusedFor(Reason.AUTHENTICATOR_UNAVAILABLE, () -> Authorizations.requireAvailable(Stream.empty()));
        assertRefusedFor(Reason.AUTHENTICATOR_UNAVAILABLE, () -> Authorizations.requireAvailable(Stream.of(authenticator(false))));
        assertEquals("test", Authorizations.requireAvailable(Stream.of(authenticator(false), authenticator(true))).id());
    }

    private static PersonAuthenticator authenticator(boolean available) {
        return new PersonAuthenticator() {
            public String id() { return available ? "test" : "off"; }
            public String title() { return "Test"; }
            public boolean available() { return available; }
            public List<Input> inputs() { return List.of(); }
            public Optional<AuthenticatedPerson> authenticate(Map<String, String> inputs) { return Optional.empty(); }
        };
    }

    private static AuthorizationCode code(Instant expiresAt) {
        return new AuthorizationCode("code-hash", "offer", pushed(NOW.plusSeconds(50)).request(), NOW.minusSeconds(5), expiresAt);
    }

    @Test
    void anUnknownUsedOrExpiredCodeIsAnInvalidGrant() throws Exception {
        assertRefusedFor(Reason.GRANT_UNKNOWN, () -> AuthorizationCodeTokens.requireRedeemable(null, NOW));
        assertRefusedFor(Reason.GRANT_EXPIRED, () -> AuthorizationCodeTokens.requireRedeemable(code(NOW), NOW));
        AuthorizationCode used = code(NOW.plusSeconds(50));
        assertEquals(used, AuthorizationCodeTokens.requireRedeemable(used, NOW));
        java.lang.reflect.Field redeemed = AuthorizationCode.class.getDeclaredField("redeemedAt");
        redeemed.setAccessible(true);
        redeemed.set(used, NOW);
        assertRefusedFor(Reason.GRANT_USED, () -> AuthorizationCodeTokens.requireRedeemable(used, NOW));
    }

    @Test
    void aCodeIssuedToAnotherClientIsRefused() throws Exception {
        assertRefusedFor(Reason.CODE_OTHER_CLIENT, () -> AuthorizationCodeTokens.requireSameClient(CLIENT, "thumbprint", client("other",
                "thumbprint")));
        assertRefusedFor(Reason.CODE_OTHER_CLIENT, () -> AuthorizationCodeTokens.requireSameClient(CLIENT, "thumbprint", client(CLIENT,
                "another instance")));
        AuthorizationCodeTokens.requireSameClient(CLIENT, "thumbprint", client(CLIENT, "thumbprint"));
    }

    private static ClientAttestationVerifier.AttestedClient client(String subject, String thumbprint) {
        return new ClientAttestationVerifier.AttestedClient("wp", subject, null, thumbprint, Optional.empty(), NOW.plusSeconds(3600));
    }

    @Test
    void aRedirectUriOtherThanThePushedOneIsRefused() throws Exception {
        assertRefusedFor(Reason.REDIRECT_URI_MISMATCH, () -> AuthorizationCodeTokens.requireSameRedirectUri(code(NOW.plusSeconds(50)),
                "eu.wua.wallet:/other"));
        AuthorizationCodeTokens.requireSameRedirectUri(code(NOW.plusSeconds(50)), "eu.wua.wallet:/authorized");
    }

    @Test
    void aVerifierThatDoesNotHashToTheChallengeOrIsMalformedIsRefused() throws Exception {
        AuthorizationCodeTokens.requireVerifierOfChallenge(VERIFIER, CHALLENGE);
        assertRefusedFor(Reason.CODE_VERIFIER_WRONG, () -> AuthorizationCodeTokens.requireVerifierOfChallenge(VERIFIER.replace('d', 'e'),
                CHALLENGE));
        assertRefusedFor(Reason.CODE_VERIFIER_WRONG, () -> AuthorizationCodeTokens.requireVerifierOfChallenge(CHALLENGE, CHALLENGE));
        assertRefusedFor(Reason.CODE_VERIFIER_WRONG, () -> AuthorizationCodeTokens.requireVerifierOfChallenge("short", CHALLENGE));
        assertEquals(CHALLENGE, Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(VERIFIER.getBytes(StandardCharsets.US_ASCII))));
    }

    private static RefreshToken refreshToken(Instant expiresAt, Instant horizon) {
        return new RefreshToken("rt-hash", new RefreshToken.Grant("offer", "pid", CLIENT, "wp", "thumbprint", "jkt", "code-hash", null, horizon),
                NOW.minusSeconds(60), expiresAt);
    }

    @Test
    void aRefreshTokenPastTheHorizonOfItsAuthorizationIsRefusedSoThePersonAuthenticatesAgain() throws Exception {
        assertRefusedFor(Reason.REFRESH_HORIZON_PASSED, () -> AuthorizationCodeTokens.requireUsableRefreshToken(refreshToken(
                NOW.plus(Duration.ofDays(1)), NOW), NOW));
        assertRefusedFor(Reason.GRANT_EXPIRED, () -> AuthorizationCodeTokens.requireUsableRefreshToken(refreshToken(NOW,
                NOW.plus(Duration.ofDays(30))), NOW));
        assertRefusedFor(Reason.GRANT_UNKNOWN, () -> AuthorizationCodeTokens.requireUsableRefreshToken(null, NOW));
        AuthorizationCodeTokens.requireUsableRefreshToken(refreshToken(NOW.plusSeconds(60), NOW.plus(Duration.ofDays(30))), NOW);
    }

    @Test
    void theDemoPersonsAreValidPidSubjects() throws Exception {
        try (var in = AuthorizationCodeFlowTest.class.getResourceAsStream("/eu/wua/demo/demo-persons.json")) {
            JsonObject persons = eu.wua.platform.JsonFactory.JSON.createReader(in).readObject();
            for (String name : persons.keySet()) {
                PidAttributes.parse(persons.getJsonObject(name));
            }
            assertEquals(Set.of("erika", "max"), persons.keySet());
        }
    }
}
