package eu.wua.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.audit.RecordedRejections;
import eu.wua.issuer.TestWalletProvider;
import eu.wua.wallet.AuthorizationFlow;
import eu.wua.wallet.CredentialOffer;
import eu.wua.wallet.OpenId4VpClient;
import eu.wua.wallet.PlatformRefusal;
import eu.wua.wallet.ReceivedCredential;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.RemoteKey;
import eu.wua.wallet.WalletCommand;
import eu.wua.wallet.WalletProviderClient;

/**
 * Re-issuance by presentation over real HTTP (issue #20): the reference wallet presents the PID it
 * holds to the OpenID4VP request on the authorization page, and the new batch is that PID's
 * subject's. Every refusal is read on the page in the person's words and recorded with the
 * verifier's reason: revoked, expired (a PID of ours signed with past times by a probe), not ours
 * (another CA), no proof of the key. A response is taken once, by the sign-in that asked, in the
 * browser that asked. Its own deployment, with the probe.
 */
@ExtendWith(ArquillianExtension.class)
class ReissuanceIT {

    private static final String PLATFORM_URL = "http://localhost:" + System.getProperty("it.port", "8887");
    private static final URI PLATFORM = URI.create(PLATFORM_URL);
    private static final String PID = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private static final String PIN = "112358";
    private static final String OPERATOR = "issuer-operator:operator-test-pw";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String SUBJECT = """
            {"family_name": "Renew", "given_name": "Rita", "birthdate": "1981-01-02",
             "place_of_birth": {"locality": "Liege", "country": "BE"}, "nationalities": ["BE"]}""";

    @Deployment
    static WebArchive platformWithAProbe() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")))
                .addClasses(PresentationProbe.class, RecordedRejections.class, TestWalletProvider.class)
                .addPackage(ReferenceWallet.class.getPackage());
    }

    @Inject
    PresentationProbe probe;

    private static HttpResponse<String> post(String path, String credentials, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(PLATFORM.resolve(path)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private record Holder(ReferenceWallet wallet, ReferenceWallet.Issuance issuance, String offerId) {

        ReceivedCredential pid() {
            return issuance.credentials().get(0);
        }

        RemoteKey key() {
            return issuance.keys().keys().get(0);
        }
    }

    /** A wallet holding {@code keys} PIDs of Rita's, the first bound to the first key. */
    private static Holder holder(int keys) throws Exception {
        JsonObject offer = json(post("/issuer/v1/offers", OPERATOR, "{\"credential_configuration_id\": \"" + PID + "\", \"subject\": "
                + SUBJECT + "}").body());
        ReferenceWallet wallet = ReferenceWallet.register(new WalletProviderClient(PLATFORM, PLATFORM_URL + "/wallet-provider"), PIN);
        return new Holder(wallet, wallet.obtainCredentials(CredentialOffer.parse(offer.getString("credential_offer_link")),
                offer.getString("tx_code"), PIN, keys, "ts3", "jwt"), offer.getString("offer_id"));
    }

    private static CredentialOffer walletInitiated() {
        return CredentialOffer.walletInitiated(PLATFORM_URL, PID);
    }

    private static ReferenceWallet.Issuance reissue(Holder holder, AuthorizationFlow.Presenter presenter) throws Exception {
        return holder.wallet().obtainCredentialsByPresentation(walletInitiated(), presenter, PIN, 2, "ts3", "jwt");
    }

    /** The presenter that answers the request with {@code credential}, its KB-JWT signed by {@code key}. */
    private static AuthorizationFlow.Presenter presenting(Holder holder, ReceivedCredential credential, RemoteKey key) {
        return link -> {
            OpenId4VpClient.Request request = OpenId4VpClient.fetch(link);
            return OpenId4VpClient.respond(request, holder.wallet().present(PIN, credential, key, request.claims(), request.nonce(),
                    request.clientId(), List.of()));
        };
    }

    /** A refusal on the page: 401 with the person's sentence, and the verifier's reason in the audit trail. */
    private static void assertRefusedOnThePage(Holder holder, AuthorizationFlow.Presenter presenter, String meaning, String reason)
            throws Exception {
        Instant sentAt = Instant.now();
        PlatformRefusal refusal = assertThrows(PlatformRefusal.class, () -> reissue(holder, presenter));
        assertEquals(401, refusal.status(), refusal.getMessage());
        assertTrue(refusal.getMessage().contains(meaning), refusal.getMessage());
        assertFalse(refusal.getMessage().contains("Exception"), refusal.getMessage());
        assertEquals(reason, RecordedRejections.newestReason(PLATFORM, sentAt));
    }

    private static ReceivedCredential unverified(String sdJwt) {
        return new ReceivedCredential(sdJwt, Map.of(), Map.of(), Map.of());
    }

    @Test
    void aPresentedPidGetsANewBatchForItsSubject() throws Exception {
        Holder holder = holder(1);
        ReferenceWallet.Issuance renewed = holder.wallet().obtainCredentialsByPresentation(walletInitiated(), holder.pid(), holder.key(), PIN,
                2, "ts3", "jwt");
        assertEquals(2, renewed.credentials().size());
        for (ReceivedCredential credential : renewed.credentials()) {
            assertEquals("Rita", credential.claims().get("given_name"));
            assertEquals("Renew", credential.claims().get("family_name"));
            assertEquals("1981-01-02", credential.claims().get("birthdate"));
        }
        assertNotEquals(holder.key().kid(), renewed.keys().keys().get(0).kid(), "new keys for the new batch");
    }

    @Test
    void aRevokedPidIsRefusedWithAReasonThePersonCanRead() throws Exception {
        Holder holder = holder(1);
        HttpResponse<String> revoked = post("/admin/v1/offers/" + holder.offerId() + "/revoke", "administrator:admin-test-pw",
                "{\"reason\": \"test\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertRefusedOnThePage(holder, presenting(holder, holder.pid(), holder.key()), "revoked or suspended", "CREDENTIAL_REVOKED");
    }

    @Test
    void anExpiredPidOfThisProviderIsRefused() throws Exception {
        Holder holder = holder(1);
        Instant now = Instant.now();
        String expired = probe.restamped(holder.pid().compact(), now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
        assertRefusedOnThePage(holder, presenting(holder, unverified(expired), holder.key()), "has expired", "CREDENTIAL_EXPIRED");
    }

    @Test
    void aPidSignedUnderAnotherCaIsNotOurs() throws Exception {
        Holder holder = holder(1);
        String compact = holder.pid().compact();
        int end = compact.indexOf('~');
        String payload = new String(Base64.getUrlDecoder().decode(compact.substring(0, end).split("\\.")[1]), StandardCharsets.UTF_8);
        String foreign = new TestWalletProvider("Another PID Provider").signRaw("dc+sd-jwt", payload) + compact.substring(end);
        assertRefusedOnThePage(holder, presenting(holder, unverified(foreign), holder.key()), "not issued by this PID provider", "ISSUER_CHAIN");
    }

    @Test
    void aPresentationWithoutProofOfTheKeyIsRefused() throws Exception {
        Holder holder = holder(2);
        // the KB-JWT signed by the wallet's other key, not the one in the presented PID's cnf
        assertRefusedOnThePage(holder, presenting(holder, holder.pid(), holder.issuance().keys().keys().get(1)),
                "did not prove that it holds the key", "KEY_BINDING_SIGNATURE");
        AuthorizationFlow.Presenter withoutKeyBinding = link -> {
            OpenId4VpClient.Request request = OpenId4VpClient.fetch(link);
            String presentation = holder.wallet().present(PIN, holder.pid(), holder.key(), request.claims(), request.nonce(),
                    request.clientId(), List.of());
            return OpenId4VpClient.respond(request, presentation.substring(0, presentation.lastIndexOf('~') + 1));
        };
        assertRefusedOnThePage(holder, withoutKeyBinding, "did not prove that it holds the key", "KEY_BINDING_MISSING");
    }

    /** One request, one answer, on any node: 20 parallel direct_posts of one presentation, then a replay; the winner's sign-in completes. */
    @Test
    void twentyParallelResponsesToOneRequestAreAcceptedOnceAndAReplayIsRefused() throws Exception {
        Holder holder = holder(1);
        ReferenceWallet.Issuance renewed = reissue(holder, link -> {
            OpenId4VpClient.Request request = OpenId4VpClient.fetch(link);
            String presentation = holder.wallet().present(PIN, holder.pid(), holder.key(), request.claims(), request.nonce(), request.clientId(),
                    List.of());
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<Future<String>> sent = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    sent.add(pool.submit(() -> OpenId4VpClient.respond(request, presentation)));
                }
                List<String> accepted = new ArrayList<>();
                for (Future<String> response : sent) {
                    try {
                        accepted.add(response.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        PlatformRefusal refusal = assertRefusal(e.getCause());
                        assertEquals(400, refusal.status(), refusal.getMessage());
                        assertEquals("invalid_request", refusal.error());
                    }
                }
                assertEquals(1, accepted.size(), "accepted: " + accepted);
                PlatformRefusal replay = assertThrows(PlatformRefusal.class, () -> OpenId4VpClient.respond(request, presentation));
                assertEquals("invalid_request", replay.error());
                assertTrue(replay.getMessage().contains("answered already"), replay.getMessage());
                return accepted.get(0);
            } catch (InterruptedException e) {
                throw new java.io.IOException(e);
            } finally {
                pool.shutdownNow();
            }
        });
        assertEquals("Rita", renewed.credentials().get(0).claims().get("given_name"));
    }

    private static PlatformRefusal assertRefusal(Throwable cause) {
        assertTrue(cause instanceof PlatformRefusal, String.valueOf(cause));
        return (PlatformRefusal) cause;
    }

    /**
     * The response code goes back to the browser that opened the page: without that page's cookie it opens nothing, and
     * in another sign-in's browser it is not that sign-in's answer (and stays untaken for the right one).
     */
    @Test
    void aResponseCodeResumesOnlyTheSignInThatAskedInItsBrowser() throws Exception {
        Holder holder = holder(1);
        Holder stranger = holder(1);
        ReferenceWallet.Issuance renewed = reissue(holder, link -> {
            String redirect = presenting(holder, holder.pid(), holder.key()).present(link);
            try {
                HttpResponse<String> cookieless = HTTP.send(HttpRequest.newBuilder(URI.create(redirect)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(400, cookieless.statusCode(), cookieless.body());
                assertTrue(cookieless.headers().firstValue("Location").isEmpty());
            } catch (InterruptedException e) {
                throw new java.io.IOException(e);
            }
            PlatformRefusal elsewhere = assertThrows(PlatformRefusal.class, () -> reissue(stranger, strangersLink -> redirect));
            assertEquals(401, elsewhere.status());
            assertTrue(elsewhere.getMessage().contains("not one for this sign-in"), elsewhere.getMessage());
            return redirect;
        });
        assertEquals("Renew", renewed.credentials().get(0).claims().get("family_name"));
    }

    /** The request object as a wallet fetches it: signed by the presentation-requests key, its x5c that key's chain without the anchor. */
    @Test
    void theRequestObjectIsSignedByThePresentationRequestKeyAndAsksForTheIdentifyingClaimsOnly() throws Exception {
        Holder holder = holder(1);
        HttpResponse<String> chain = HTTP.send(HttpRequest.newBuilder(PLATFORM.resolve("/admin/v1/platform-keys/presentation-requests/certificate-chain"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("administrator:admin-test-pw".getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, chain.statusCode(), chain.body());
        List<String> pem = List.of(chain.body().split("-----END CERTIFICATE-----")).stream().filter(part -> part.contains("BEGIN"))
                .map(part -> part.substring(part.indexOf("-----BEGIN CERTIFICATE-----") + 27).replaceAll("\\s", "")).toList();
        assertEquals(2, pem.size(), "the key's certificate and the issuer CA's: " + chain.body());
        reissue(holder, link -> {
            Map<String, String> query = queryOf(URI.create(link));
            assertTrue(link.startsWith("openid4vp://"), link);
            assertEquals("x509_san_dns:localhost", query.get("client_id"));
            HttpResponse<String> fetched;
            try {
                fetched = HTTP.send(HttpRequest.newBuilder(URI.create(query.get("request_uri"))).GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                throw new java.io.IOException(e);
            }
            assertEquals(200, fetched.statusCode(), fetched.body());
            assertEquals("application/oauth-authz-req+jwt", fetched.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            String[] jwt = fetched.body().split("\\.");
            JsonObject header = json(new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8));
            assertEquals("oauth-authz-req+jwt", header.getString("typ"));
            assertEquals("ES256", header.getString("alg"));
            assertEquals(List.of(pem.get(0)), header.getJsonArray("x5c").getValuesAs(jakarta.json.JsonString::getString), "the leaf, no anchor");
            JsonObject claims = json(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
            assertEquals("x509_san_dns:localhost", claims.getString("client_id"));
            assertEquals("vp_token", claims.getString("response_type"));
            assertEquals("direct_post", claims.getString("response_mode"));
            assertEquals(PLATFORM_URL + "/verifier/openid4vp/responses", claims.getString("response_uri"));
            assertFalse(claims.getString("nonce").isBlank());
            JsonObject query0 = claims.getJsonObject("dcql_query").getJsonArray("credentials").getJsonObject(0);
            assertEquals("dc+sd-jwt", query0.getString("format"));
            assertTrue(query0.getBoolean("require_cryptographic_holder_binding"));
            assertEquals("urn:eudi:pid:1", query0.getJsonObject("meta").getJsonArray("vct_values").getString(0));
            JsonArray paths = query0.getJsonArray("claims");
            assertEquals(List.of("family_name", "given_name", "birthdate", "place_of_birth", "nationalities"), paths.stream()
                    .map(path -> path.asJsonObject().getJsonArray("path").getString(0)).toList());
            // the wallet's own checks pass too, and it discloses the five claims and nothing else (not issuing_country, ...)
            OpenId4VpClient.Request request = OpenId4VpClient.fetch(link);
            String presentation = holder.wallet().present(PIN, holder.pid(), holder.key(), request.claims(), request.nonce(), request.clientId(),
                    List.of());
            assertEquals(java.util.Set.of("family_name", "given_name", "birthdate", "place_of_birth", "nationalities"),
                    disclosedNames(presentation));
            return OpenId4VpClient.respond(request, presentation);
        });
    }

    /** The names of a presentation's object-property disclosures ({@code [salt, name, value]}). */
    private static java.util.Set<String> disclosedNames(String presentation) {
        String[] parts = presentation.split("~");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 1; i < parts.length - 1; i++) {
            JsonArray disclosure = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(parts[i]), StandardCharsets.UTF_8)))
                    .readArray();
            if (disclosure.size() == 3) {
                names.add(disclosure.getString(1));
            }
        }
        return names;
    }

    private static Map<String, String> queryOf(URI uri) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** {@code ./run wallet present --request LINK} answers another wallet's sign-in; {@code ./run wallet reissue} runs it all. */
    @Test
    void theCliPresentsItsHeldPidToARequestLinkAndReissues() throws Exception {
        Path state = Files.createTempDirectory("reissuance-cli").resolve("wallet.json");
        Map<String, String> environment = Map.of("WUA_WALLET_PIN", PIN);
        JsonObject offer = json(post("/issuer/v1/offers", OPERATOR, "{\"credential_configuration_id\": \"" + PID + "\", \"subject\": "
                + SUBJECT + "}").body());
        Cli registered = cli(environment, "--state", state.toString(), "register");
        assertEquals(0, registered.status(), registered.err());
        Cli issued = cli(environment, "--state", state.toString(), "issue", "--offer", offer.getString("credential_offer_link"), "--tx-code",
                offer.getString("tx_code"), "--keys", "1");
        assertEquals(0, issued.status(), issued.err() + issued.out());

        Holder other = holder(1);
        ReferenceWallet.Issuance renewed = reissue(other, link -> {
            Cli presented = cli(environment, "--state", state.toString(), "present", "--request", link);
            assertEquals(0, presented.status(), presented.err() + presented.out());
            assertTrue(presented.out().contains("request from x509_san_dns:localhost for family_name, given_name, birthdate, place_of_birth,"
                    + " nationalities"), presented.out());
            String marker = "open in the browser that asked: ";
            String line = presented.out().lines().filter(printed -> printed.contains(marker)).findFirst().orElseThrow();
            return line.substring(line.indexOf(marker) + marker.length()).strip();
        });
        assertEquals("Rita", renewed.credentials().get(0).claims().get("given_name"));

        Cli reissued = cli(environment, "--state", state.toString(), "reissue", "--keys", "2");
        assertEquals(0, reissued.status(), reissued.err() + reissued.out());
        assertTrue(reissued.out().contains("the held PID presented to the issuer's OpenID4VP request"), reissued.out());
        assertTrue(reissued.out().contains("2 credential(s) for 2 attested key(s)"), reissued.out());
        assertTrue(reissued.out().contains("\"given_name\":\"Rita\""), reissued.out());
    }

    private record Cli(int status, String out, String err) {
    }

    private static Cli cli(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> withUrl = new ArrayList<>(List.of("--url", PLATFORM_URL, "--wallet-provider-id", PLATFORM_URL + "/wallet-provider"));
        withUrl.addAll(List.of(args));
        int status = new WalletCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment).run(withUrl.toArray(String[]::new));
        return new Cli(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
