package eu.wua.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.audit.RecordedRejections;
import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.wallet.AuthorizationFlow;
import eu.wua.wallet.CredentialOffer;
import eu.wua.wallet.DpopKey;
import eu.wua.wallet.IssuerClient;
import eu.wua.wallet.PlatformRefusal;
import eu.wua.wallet.ReceivedCredential;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletProviderClient;

/**
 * The HAIP authorization code flow over real HTTP (issue #19): PAR with the client attestation and
 * DPoP, the authorization page through the demo authenticator's form, the code for a DPoP-bound
 * token, the credential batch, refresh; and every refusal with its status, wire code and recorded reason.
 */
@ExtendWith(ArquillianExtension.class)
class AuthorizationCodeFlowIT {

    private static final String ISSUER = IssuerIT.ISSUER;
    private static final String PID = IssuerIT.PID;
    private static final String PIN = "864200";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern SESSION = Pattern.compile("name=\"session\" value=\"([^\"]+)\"");

    @Deployment(testable = false)
    static WebArchive packagedPlatform() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    @ArquillianResource
    URL deployment;

    private URI platform;
    private java.time.Instant sentAt = java.time.Instant.EPOCH;

    @BeforeEach
    void platform() {
        platform = URI.create("http://localhost:" + deployment.getPort());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    /** A wallet, its WIA and client id, and a fresh flow (PKCE, state, DPoP key with the server's nonce). */
    private final class Client {
        final ReferenceWallet wallet;
        final String wia;
        final String clientId;
        final AuthorizationFlow flow = new AuthorizationFlow(DpopKey.generate());

        Client() throws Exception {
            wallet = ReferenceWallet.register(new WalletProviderClient(platform, ISSUER + "/wallet-provider"), PIN);
            wia = wallet.walletInstanceAttestation();
            clientId = json(new String(Base64.getUrlDecoder().decode(wia.split("\\.")[1]), StandardCharsets.UTF_8)).getString("sub");
            flow.dpopKey().useNonce(dpopNonce());
        }

        Map<String, String> parameters() {
            return flow.pushedParameters(clientId, PID, null);
        }

        HttpResponse<String> push(Map<String, String> parameters) throws Exception {
            return post("/issuer/par", AuthorizationFlow.formOf(parameters), "OAuth-Client-Attestation", wia, "OAuth-Client-Attestation-PoP",
                    wallet.clientAttestationPop(ISSUER), "DPoP", flow.dpopKey().proof("POST", ISSUER + "/issuer/par", null));
        }

        String requestUri() throws Exception {
            HttpResponse<String> pushed = push(parameters());
            assertEquals(201, pushed.statusCode(), pushed.body());
            return json(pushed.body()).getString("request_uri");
        }

        /** The authorization page's session for a pushed request. */
        String open(String requestUri) throws Exception {
            HttpResponse<String> page = get("/issuer/authorize?client_id=" + encode(clientId) + "&request_uri=" + encode(requestUri));
            assertEquals(200, page.statusCode(), page.body());
            Matcher session = SESSION.matcher(page.body());
            assertTrue(session.find(), page.body());
            assertTrue(page.body().contains("name=\"username\"") && page.body().contains("name=\"password\""), page.body());
            return session.group(1);
        }

        String code() throws Exception {
            HttpResponse<String> signedIn = signIn(open(requestUri()), "erika", "erika-test-pw");
            assertEquals(303, signedIn.statusCode(), signedIn.body());
            Map<String, String> answer = query(signedIn.headers().firstValue("Location").orElseThrow());
            assertEquals(ISSUER, answer.get("iss"), "RFC 9207");
            assertEquals(flow.state(), answer.get("state"));
            return answer.get("code");
        }

        HttpResponse<String> token(String code, String verifier, String redirectUri, DpopKey key) throws Exception {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "authorization_code");
            form.put("code", code);
            form.put("redirect_uri", redirectUri);
            form.put("code_verifier", verifier);
            return post("/issuer/token", AuthorizationFlow.formOf(form), "OAuth-Client-Attestation", wia, "OAuth-Client-Attestation-PoP",
                    wallet.clientAttestationPop(ISSUER), "DPoP", key.proof("POST", ISSUER + "/issuer/token", null));
        }

        HttpResponse<String> token(String code) throws Exception {
            return token(code, flow.codeVerifier(), AuthorizationFlow.REDIRECT_URI, flow.dpopKey());
        }
    }

    private String dpopNonce() throws Exception {
        return post("/issuer/nonce", "").headers().firstValue("DPoP-Nonce").orElseThrow();
    }

    private HttpResponse<String> signIn(String session, String username, String password) throws Exception {
        return send(HttpRequest.newBuilder(platform.resolve("/issuer/authorize")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("session=" + encode(session) + "&username=" + encode(username) + "&password="
                        + encode(password))).build());
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        return send(request.build());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(platform.resolve(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        sentAt = java.time.Instant.now();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String location) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = URI.create(location).getRawQuery();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private void assertRefused(HttpResponse<String> response, int status, String error, Reason reason) throws Exception {
        IssuerIT.assertRefused(response, status, error);
        assertEquals(reason.name(), RecordedRejections.newestReason(platform, sentAt), response.body());
    }

    /** An error page of the authorization endpoint: no redirect, the code in the page, the reason recorded. */
    private void assertErrorPage(HttpResponse<String> page, int status, String error, Reason reason) throws Exception {
        assertEquals(status, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Location").isEmpty(), "never a redirect before the redirect URI is trusted");
        assertTrue(page.body().contains("<code id=\"error\">" + error + "</code>"), page.body());
        assertFalse(page.body().contains("Exception"), page.body());
        assertEquals(reason.name(), RecordedRejections.newestReason(platform, sentAt), page.body());
    }

    // --- the whole flow ---------------------------------------------------------------------------------

    @Test
    void theAuthorizationServerMetadataNamesTheHaipEndpointsAndRules() throws Exception {
        JsonObject as = json(get("/.well-known/oauth-authorization-server").body());
        assertEquals(ISSUER + "/issuer/authorize", as.getString("authorization_endpoint"));
        assertEquals(ISSUER + "/issuer/par", as.getString("pushed_authorization_request_endpoint"));
        assertTrue(as.getBoolean("require_pushed_authorization_requests"));
        assertEquals("[\"S256\"]", as.getJsonArray("code_challenge_methods_supported").toString());
        assertEquals("[\"code\"]", as.getJsonArray("response_types_supported").toString());
        assertTrue(as.getJsonArray("grant_types_supported").toString().contains("\"authorization_code\""));
        assertTrue(as.getJsonArray("grant_types_supported").toString().contains("pre-authorized_code"));
        assertTrue(as.getBoolean("authorization_response_iss_parameter_supported"));
        assertEquals("[\"openid_credential\"]", as.getJsonArray("authorization_details_types_supported").toString());
        assertTrue(as.getJsonArray("scopes_supported").toString().contains(PID));
        JsonObject issuer = json(get("/.well-known/openid-credential-issuer").body());
        assertEquals(PID, issuer.getJsonObject("credential_configurations_supported").getJsonObject(PID).getString("scope"));
    }

    @Test
    void aWalletInitiatedAuthorizationGivesTheSignedInPersonsPidsAndARefreshGivesANewBatch() throws Exception {
        ReferenceWallet wallet = ReferenceWallet.register(new WalletProviderClient(platform, ISSUER + "/wallet-provider"), PIN);
        ReferenceWallet.Issuance issuance = wallet.obtainCredentialsByAuthorization(CredentialOffer.walletInitiated(ISSUER, PID), "erika",
                "erika-test-pw", PIN, 3, "ts3", "jwt");
        assertEquals(3, issuance.credentials().size());
        for (ReceivedCredential credential : issuance.credentials()) {
            assertEquals("Erika", credential.claims().get("given_name"));
            assertEquals("Mustermann", credential.claims().get("family_name"));
        }
        assertEquals("DPoP", wallet.lastAccessToken().type());
        assertNotNull(wallet.lastAccessToken().refreshToken());

        String firstRefresh = wallet.lastAccessToken().refreshToken();
        ReferenceWallet.Issuance refreshed = wallet.refreshCredentials(ISSUER, PID, PIN, 2, "ts3", "attestation");
        assertEquals(2, refreshed.credentials().size());
        assertEquals("Erika", refreshed.credentials().get(0).claims().get("given_name"));
        assertNotEquals(firstRefresh, wallet.lastAccessToken().refreshToken(), "a refresh token is used once and replaced");

        JsonObject audit = json(HTTP.send(HttpRequest.newBuilder(platform.resolve("/admin/v1/audit?size=500&from=" + sentAt.minusSeconds(120)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("compliance-officer:compliance-test-pw"
                        .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        String events = audit.getJsonArray("events").toString();
        for (String type : List.of("authorization.pushed", "authorization.opened", "authorization.granted", "token.issued", "refresh_token.issued")) {
            assertTrue(events.contains("\"" + type + "\""), type + " is audited");
        }
        assertTrue(events.contains("demo:erika"), "the audit trail names who authenticated");
        assertFalse(events.contains("erika-test-pw"), "never the password");
    }

    @Test
    void anOfferWithTheAuthorizationCodeGrantIsTakenOnceThroughItsIssuerState() throws Exception {
        HttpResponse<String> made = HTTP.send(HttpRequest.newBuilder(platform.resolve("/issuer/v1/offers")).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("issuer-operator:operator-test-pw".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"credential_configuration_id\": \"" + PID + "\", \"grant\": \"authorization_code\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, made.statusCode(), made.body());
        JsonObject offer = json(made.body());
        assertFalse(offer.containsKey("tx_code"));
        CredentialOffer parsed = CredentialOffer.parse(offer.getString("credential_offer_link"));
        assertEquals(offer.getString("issuer_state"), parsed.issuerState());

        ReferenceWallet wallet = ReferenceWallet.register(new WalletProviderClient(platform, ISSUER + "/wallet-provider"), PIN);
        assertEquals("Max", wallet.obtainCredentialsByAuthorization(parsed, "max", "max-test-pw", PIN, 1, "ts3", "jwt").credentials().get(0)
                .claims().get("given_name"));

        Client again = new Client();
        assertRefused(again.push(again.flow.pushedParameters(again.clientId, PID, parsed.issuerState())), 400, "invalid_request",
                Reason.ISSUER_STATE_UNKNOWN);
    }

    @Test
    void authorizationDetailsGiveACredentialIdentifierThatTheCredentialRequestMustUse() throws Exception {
        Client client = new Client();
        Map<String, String> parameters = client.parameters();
        parameters.remove("scope");
        parameters.put("authorization_details", "[{\"type\":\"openid_credential\",\"credential_configuration_id\":\"" + PID + "\"}]");
        HttpResponse<String> pushed = client.push(parameters);
        assertEquals(201, pushed.statusCode(), pushed.body());
        HttpResponse<String> signedIn = signIn(client.open(json(pushed.body()).getString("request_uri")), "erika", "erika-test-pw");
        HttpResponse<String> token = client.token(query(signedIn.headers().firstValue("Location").orElseThrow()).get("code"));
        assertEquals(200, token.statusCode(), token.body());
        JsonObject details = json(token.body()).getJsonArray("authorization_details").getJsonObject(0);
        assertEquals("openid_credential", details.getString("type"));
        assertEquals(PID, details.getJsonArray("credential_identifiers").getString(0));
    }

    // --- refusals at the PAR endpoint -------------------------------------------------------------------

    @Test
    void aPushedRequestWithoutOrWithABrokenAttestationOrAnotherClientIdIsAnInvalidClient() throws Exception {
        Client client = new Client();
        String body = AuthorizationFlow.formOf(client.parameters());
        assertRefused(post("/issuer/par", body), 401, "invalid_client", Reason.CLIENT_ATTESTATION_MISSING);
        assertRefused(post("/issuer/par", body, "OAuth-Client-Attestation", "not-a-jwt", "OAuth-Client-Attestation-PoP",
                client.wallet.clientAttestationPop(ISSUER)), 401, "invalid_client", Reason.CLIENT_ATTESTATION_MALFORMED);
        assertRefused(post("/issuer/par", body, "OAuth-Client-Attestation", client.wia), 401, "invalid_client", Reason.POP_MISSING);
        Map<String, String> other = client.parameters();
        other.put("client_id", "someone-else");
        assertRefused(client.push(other), 401, "invalid_client", Reason.CLIENT_ID_MISMATCH);
    }

    @Test
    void aPushedRequestWithoutPkceWithPlainPkceWithARequestUriOrAnUnknownScopeIsRefused() throws Exception {
        Client client = new Client();
        Map<String, String> noPkce = client.parameters();
        noPkce.remove("code_challenge");
        assertRefused(client.push(noPkce), 400, "invalid_request", Reason.PKCE_MISSING);
        Map<String, String> plain = client.parameters();
        plain.put("code_challenge_method", "plain");
        assertRefused(client.push(plain), 400, "invalid_request", Reason.PKCE_METHOD);
        Map<String, String> withRequestUri = client.parameters();
        withRequestUri.put("request_uri", "urn:ietf:params:oauth:request_uri:x");
        assertRefused(client.push(withRequestUri), 400, "invalid_request", Reason.PAR_REQUEST_URI_INSIDE);
        Map<String, String> unknownScope = client.parameters();
        unknownScope.put("scope", "org.iso.18013.5.1.mDL");
        assertRefused(client.push(unknownScope), 400, "invalid_scope", Reason.SCOPE_UNKNOWN);
        Map<String, String> script = client.parameters();
        script.put("redirect_uri", "javascript:alert(1)");
        assertRefused(client.push(script), 400, "invalid_request", Reason.REDIRECT_URI_INVALID);
        assertRefused(post("/issuer/par", "state=" + "x".repeat(70_000), "OAuth-Client-Attestation", client.wia), 413, "invalid_request",
                Reason.PAR_TOO_LARGE);
        assertRefused(post("/issuer/par", AuthorizationFlow.formOf(client.parameters()), "OAuth-Client-Attestation", client.wia,
                "OAuth-Client-Attestation-PoP", client.wallet.clientAttestationPop(ISSUER), "DPoP", "not-a-proof"), 400, "invalid_dpop_proof",
                Reason.DPOP_MALFORMED);
    }

    // --- refusals at the authorization endpoint ---------------------------------------------------------

    @Test
    void aRequestUriIsTakenOnceOnlyForItsClientAndAnUnknownOneGetsAnErrorPage() throws Exception {
        Client client = new Client();
        String requestUri = client.requestUri();
        assertErrorPage(get("/issuer/authorize?client_id=someone-else&request_uri=" + encode(requestUri)), 400, "invalid_request",
                Reason.REQUEST_URI_OTHER_CLIENT);
        client.open(requestUri);
        assertErrorPage(get("/issuer/authorize?client_id=" + encode(client.clientId) + "&request_uri=" + encode(requestUri)), 400,
                "invalid_request", Reason.REQUEST_URI_USED);
        assertErrorPage(get("/issuer/authorize?client_id=" + encode(client.clientId) + "&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Anever"),
                400, "invalid_request", Reason.REQUEST_URI_UNKNOWN);
        assertErrorPage(get("/issuer/authorize?client_id=" + encode(client.clientId) + "&response_type=code&redirect_uri=https%3A%2F%2Fx.example"),
                400, "invalid_request", Reason.REQUEST_URI_UNKNOWN);
        assertErrorPage(signIn("not-a-session", "erika", "erika-test-pw"), 400, "invalid_request", Reason.AUTHORIZATION_SESSION_UNKNOWN);
    }

    @Test
    void fiveWrongPasswordsVoidTheRequestAndThePersonIsToldSo() throws Exception {
        Client client = new Client();
        String session = client.open(client.requestUri());
        for (int i = 1; i < 5; i++) {
            HttpResponse<String> wrong = signIn(session, "erika", "wrong-" + i);
            assertEquals(401, wrong.statusCode(), wrong.body());
            assertTrue(wrong.body().contains((5 - i) + (5 - i == 1 ? " try" : " tries") + " left"), wrong.body());
            assertTrue(wrong.headers().firstValue("Location").isEmpty(), "no code for a wrong password");
        }
        HttpResponse<String> fifth = signIn(session, "erika", "wrong-5");
        assertEquals(400, fifth.statusCode(), fifth.body());
        assertTrue(fifth.body().contains("this request is void"), fifth.body());
        assertTrue(fifth.body().contains("error=access_denied"), "the way back to the wallet carries access_denied");
        assertErrorPage(signIn(session, "erika", "erika-test-pw"), 400, "invalid_request", Reason.AUTHORIZATION_SESSION_UNKNOWN);
    }

    /** RFC 9126 §4: one request_uri, one authorization page, on any node. */
    @Test
    void twentyParallelOpeningsOfOneRequestUriGiveOnePage() throws Exception {
        Client client = new Client();
        String requestUri = client.requestUri();
        String path = "/issuer/authorize?client_id=" + encode(client.clientId) + "&request_uri=" + encode(requestUri);
        assertEquals(1, successes(20, () -> get(path), 200));
    }

    // --- refusals at the token endpoint -----------------------------------------------------------------

    @Test
    void aWrongVerifierAnotherRedirectUriOrAnotherDpopKeyGetNoToken() throws Exception {
        Client client = new Client();
        String code = client.code();
        assertRefused(client.token(code, "x".repeat(43), AuthorizationFlow.REDIRECT_URI, client.flow.dpopKey()), 400, "invalid_grant",
                Reason.CODE_VERIFIER_WRONG);
        assertRefused(client.token(code, client.flow.codeVerifier(), "eu.wua.wallet:/elsewhere", client.flow.dpopKey()), 400, "invalid_grant",
                Reason.REDIRECT_URI_MISMATCH);
        DpopKey stranger = DpopKey.generate();
        stranger.useNonce(dpopNonce());
        assertRefused(client.token(code, client.flow.codeVerifier(), AuthorizationFlow.REDIRECT_URI, stranger), 400, "invalid_dpop_proof",
                Reason.DPOP_OTHER_KEY);
        Map<String, String> noVerifier = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
                AuthorizationFlow.REDIRECT_URI));
        assertRefused(post("/issuer/token", AuthorizationFlow.formOf(noVerifier), "OAuth-Client-Attestation", client.wia,
                "OAuth-Client-Attestation-PoP", client.wallet.clientAttestationPop(ISSUER)), 400, "invalid_request", Reason.CODE_VERIFIER_MISSING);
        Client other = new Client();
        assertRefused(other.token(code, client.flow.codeVerifier(), AuthorizationFlow.REDIRECT_URI, client.flow.dpopKey()), 400,
                "invalid_grant", Reason.CODE_OTHER_CLIENT);
        // none of these used the code up
        assertEquals(200, client.token(code).statusCode());
    }

    @Test
    void aMissingStaleOrWrongMethodDpopProofGetsNoTokenForACode() throws Exception {
        Client client = new Client();
        String code = client.code();
        String form = AuthorizationFlow.formOf(new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
                AuthorizationFlow.REDIRECT_URI, "code_verifier", client.flow.codeVerifier())));
        String token = ISSUER + "/issuer/token";
        assertRefused(post("/issuer/token", form, "OAuth-Client-Attestation", client.wia, "OAuth-Client-Attestation-PoP",
                client.wallet.clientAttestationPop(ISSUER)), 400, "invalid_dpop_proof", Reason.DPOP_REQUIRED);
        assertRefused(post("/issuer/token", form, "OAuth-Client-Attestation", client.wia, "OAuth-Client-Attestation-PoP",
                client.wallet.clientAttestationPop(ISSUER), "DPoP", client.flow.dpopKey().proof("GET", token, null)), 400,
                "invalid_dpop_proof", Reason.DPOP_METHOD);
        assertRefused(post("/issuer/token", form, "OAuth-Client-Attestation", client.wia, "OAuth-Client-Attestation-PoP",
                client.wallet.clientAttestationPop(ISSUER), "DPoP", client.flow.dpopKey().proof("POST", token, null,
                        java.time.Instant.now().minusSeconds(3600))), 400, "invalid_dpop_proof", Reason.DPOP_ISSUED_AT);
        assertEquals(200, client.token(code).statusCode(), "none of these used the code up");
    }

    @Test
    void aReusedCodeIsRefusedAndTheTokensIssuedFromItAreRevoked() throws Exception {
        Client client = new Client();
        String code = client.code();
        HttpResponse<String> first = client.token(code);
        assertEquals(200, first.statusCode(), first.body());
        String accessToken = json(first.body()).getString("access_token");
        String refreshToken = json(first.body()).getString("refresh_token");
        assertRefused(client.token(code), 400, "invalid_grant", Reason.GRANT_USED);

        IssuerClient.AccessToken revoked = new IssuerClient.AccessToken(accessToken, "DPoP", client.flow.dpopKey(), refreshToken, null);
        IssuerClient issuer = new IssuerClient(ISSUER);
        PlatformRefusal refused = assertThrows(PlatformRefusal.class, () -> issuer.credential(revoked, client.wia,
                client.wallet.clientAttestationPop(ISSUER), PID, Map.of("jwt", List.of("x"))));
        assertEquals(401, refused.status());
        assertEquals("invalid_token", refused.error());
        PlatformRefusal refreshRefused = assertThrows(PlatformRefusal.class, () -> issuer.refresh(revoked, client.wia,
                client.wallet.clientAttestationPop(ISSUER)));
        assertEquals("invalid_grant", refreshRefused.error());
    }

    /** RFC 6749 §4.1.2: one code, one token, on any node; the losers' reuse revokes what the winner got. */
    @Test
    void twentyParallelRedemptionsOfOneCodeGiveOneToken() throws Exception {
        Client client = new Client();
        String code = client.code();
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
                    AuthorizationFlow.REDIRECT_URI, "code_verifier", client.flow.codeVerifier()));
            requests.add(HttpRequest.newBuilder(platform.resolve("/issuer/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("OAuth-Client-Attestation", client.wia).header("OAuth-Client-Attestation-PoP", client.wallet.clientAttestationPop(ISSUER))
                    .header("DPoP", client.flow.dpopKey().proof("POST", ISSUER + "/issuer/token", null))
                    .POST(HttpRequest.BodyPublishers.ofString(AuthorizationFlow.formOf(form))).build());
        }
        java.util.Iterator<HttpRequest> next = requests.iterator();
        assertEquals(1, successes(20, () -> {
            HttpRequest request;
            synchronized (next) {
                request = next.next();
            }
            return send(request);
        }, 200));
    }

    private interface Call {
        HttpResponse<String> call() throws Exception;
    }

    /** Runs {@code count} calls at once; answers how many got {@code success}, every other answer a 4xx. */
    private static int successes(int count, Call call, int success) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(pool.submit(call::call));
            }
            int successes = 0;
            for (Future<HttpResponse<String>> response : sent) {
                int status = response.get().statusCode();
                assertTrue(status == success || (status >= 400 && status < 500), status + " " + response.get().body());
                successes += status == success ? 1 : 0;
            }
            return successes;
        } finally {
            pool.shutdownNow();
        }
    }
}
