package eu.wua.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
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
import eu.wua.verifier.PresentationRejection.Reason;
import eu.wua.wallet.CredentialOffer;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletProviderClient;

/**
 * The presentation verifier over real HTTP (issue #20): the reference wallet presents a PID it holds,
 * its KB-JWT signed in the remote WSCD; the verifier accepts it once and refuses every bad input
 * with its named check, wire code and recorded reason.
 */
@ExtendWith(ArquillianExtension.class)
class PresentationIT {

    private static final String PLATFORM_URL = "http://localhost:" + System.getProperty("it.port", "8887");
    private static final String PID = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private static final String PIN = "112358";
    private static final String OPERATOR = "issuer-operator:operator-test-pw";
    private static final String AUDIENCE = "https://relying-party.example";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String SUBJECT = """
            {"family_name": "Presenter", "given_name": "Pia", "birthdate": "1975-07-07",
             "place_of_birth": {"locality": "Gent", "country": "BE"}, "nationalities": ["BE"],
             "address": {"street_address": "Kerkstraat 1", "locality": "Gent", "postal_code": "9000", "country": "BE"}}""";

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

    private HttpResponse<String> post(String path, String credentials, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        sentAt = java.time.Instant.now();
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A wallet holding two PIDs of one offer. */
    private record Holder(ReferenceWallet wallet, ReferenceWallet.Issuance issuance, String offerId) {
    }

    private Holder holder() throws Exception {
        JsonObject offer = json(post("/issuer/v1/offers", OPERATOR, "{\"credential_configuration_id\": \"" + PID + "\", \"subject\": " + SUBJECT
                + "}").body());
        ReferenceWallet wallet = ReferenceWallet.register(new WalletProviderClient(platform, PLATFORM_URL + "/wallet-provider"), PIN);
        ReferenceWallet.Issuance issuance = wallet.obtainCredentials(CredentialOffer.parse(offer.getString("credential_offer_link")),
                offer.getString("tx_code"), PIN, 2, "ts3", "jwt");
        return new Holder(wallet, issuance, offer.getString("offer_id"));
    }

    private String nonce() throws Exception {
        HttpResponse<String> nonce = post("/verifier/v1/nonces", OPERATOR, "");
        assertEquals(200, nonce.statusCode(), nonce.body());
        return json(nonce.body()).getString("nonce");
    }

    private String present(Holder holder, String nonce, String audience, List<String> transactionData) throws Exception {
        return holder.wallet().present(PIN, holder.issuance().credentials().get(0), holder.issuance().keys().keys().get(0),
                Set.of("given_name", "family_name", "address"), nonce, audience, transactionData);
    }

    private HttpResponse<String> verify(String presentation, String nonce, String audience, List<String> transactionData) throws Exception {
        JsonArrayBuilder data = Json.createArrayBuilder();
        transactionData.forEach(data::add);
        return post("/verifier/v1/presentations", OPERATOR, Json.createObjectBuilder().add("presentation", presentation).add("nonce", nonce)
                .add("audience", audience).add("transaction_data", data).build().toString());
    }

    private void assertRefused(HttpResponse<String> response, int status, Reason reason) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject body = json(response.body());
        assertEquals("invalid_presentation", body.getString("error"));
        assertEquals(reason.check(), body.getString("failed_check"), response.body());
        assertFalse(body.getString("error_description").isBlank());
        assertFalse(response.body().contains("Exception"), response.body());
        assertEquals(reason.name(), RecordedRejections.newestReason(platform, sentAt), response.body());
    }

    @Test
    void aPresentedPidFromTheRemoteWscdIsVerifiedWithItsDisclosedClaimsOnly() throws Exception {
        Holder holder = holder();
        String nonce = nonce();
        HttpResponse<String> verified = verify(present(holder, nonce, AUDIENCE, List.of()), nonce, AUDIENCE, List.of());
        assertEquals(200, verified.statusCode(), verified.body());
        JsonObject body = json(verified.body());
        assertTrue(body.getBoolean("valid"));
        assertEquals("Pia", body.getJsonObject("claims").getString("given_name"));
        assertEquals("Gent", body.getJsonObject("claims").getJsonObject("address").getString("locality"));
        assertFalse(body.getJsonObject("claims").containsKey("birthdate"), "only what was disclosed");
        assertEquals(holder.issuance().keys().keys().get(0).thumbprint(), body.getString("key_binding_key_id"));
        assertEquals(11, body.getJsonArray("checks").size());
        assertFalse(body.getJsonArray("checks").toString().contains("failed"));
    }

    @Test
    void aReplayedPresentationIsRefusedForItsNonceAndAWrongAudienceForItsAudience() throws Exception {
        Holder holder = holder();
        String nonce = nonce();
        String presentation = present(holder, nonce, AUDIENCE, List.of());
        assertEquals(200, verify(presentation, nonce, AUDIENCE, List.of()).statusCode());
        assertRefused(verify(presentation, nonce, AUDIENCE, List.of()), 400, Reason.NONCE);
        String other = nonce();
        assertRefused(verify(present(holder, other, "https://someone-else.example", List.of()), other, AUDIENCE, List.of()), 400, Reason.AUDIENCE);
        assertRefused(verify(present(holder, "never-issued", AUDIENCE, List.of()), "never-issued", AUDIENCE, List.of()), 400, Reason.NONCE);
    }

    @Test
    void withoutKeyBindingOrWithDisclosuresChangedAfterSigningThePresentationIsRefused() throws Exception {
        Holder holder = holder();
        String nonce = nonce();
        String presentation = present(holder, nonce, AUDIENCE, List.of());
        String kb = presentation.substring(presentation.lastIndexOf('~') + 1);
        String sdJwt = presentation.substring(0, presentation.lastIndexOf('~') + 1);
        assertRefused(verify(sdJwt, nonce, AUDIENCE, List.of()), 400, Reason.KEY_BINDING_MISSING);
        String[] all = holder.issuance().credentials().get(0).compact().split("~");
        String added = sdJwt + java.util.Arrays.stream(all).skip(1).filter(d -> !sdJwt.contains(d)).findFirst().orElseThrow() + "~";
        assertRefused(verify(added + kb, nonce, AUDIENCE, List.of()), 400, Reason.SD_HASH);
        String[] kept = sdJwt.split("~");
        assertRefused(verify(kept[0] + "~" + kept[1] + "~" + kb, nonce, AUDIENCE, List.of()), 400, Reason.SD_HASH);
        assertRefused(verify(sdJwt + sdJwt.split("~")[1] + "~" + kb, nonce, AUDIENCE, List.of()), 400, Reason.DISCLOSURE_REPEATED);
        String[] kbParts = kb.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"typ\":\"kb+jwt\",\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + kbParts[1] + ".";
        assertRefused(verify(sdJwt + none, nonce, AUDIENCE, List.of()), 400, Reason.KEY_BINDING_ALGORITHM);
        // another key of the same wallet (the second PID's) signs the KB-JWT of the first PID
        String foreign = holder.wallet().present(PIN, holder.issuance().credentials().get(0), holder.issuance().keys().keys().get(1),
                Set.of("given_name"), nonce, AUDIENCE, List.of());
        assertRefused(verify(foreign, nonce, AUDIENCE, List.of()), 400, Reason.KEY_BINDING_SIGNATURE);
    }

    @Test
    void transactionDataHashesMustMatchTheTransactionData() throws Exception {
        Holder holder = holder();
        String nonce = nonce();
        List<String> payment = List.of(Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"type\":\"payment\",\"amount\":\"42.00\"}".getBytes(StandardCharsets.UTF_8)));
        assertRefused(verify(present(holder, nonce, AUDIENCE, List.of()), nonce, AUDIENCE, payment), 400, Reason.TRANSACTION_DATA);
        assertRefused(verify(present(holder, nonce, AUDIENCE, List.of("other")), nonce, AUDIENCE, payment), 400, Reason.TRANSACTION_DATA);
        assertEquals(200, verify(present(holder, nonce, AUDIENCE, payment), nonce, AUDIENCE, payment).statusCode());
    }

    @Test
    void aRevokedPidIsRefusedForItsStatus() throws Exception {
        Holder holder = holder();
        HttpResponse<String> revoked = post("/admin/v1/offers/" + holder.offerId() + "/revoke", "administrator:admin-test-pw",
                "{\"reason\": \"test\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        String nonce = nonce();
        assertRefused(verify(present(holder, nonce, AUDIENCE, List.of()), nonce, AUDIENCE, List.of()), 400, Reason.CREDENTIAL_REVOKED);
    }

    @Test
    void anOversizedPresentationOrOneWithTenThousandDisclosuresIsRefusedBeforeItIsDecoded() throws Exception {
        String nonce = nonce();
        assertRefused(verify("x".repeat(100 * 1024) + "~", nonce, AUDIENCE, List.of()), 413, Reason.PRESENTATION_TOO_LARGE);
        assertRefused(verify("a~".repeat(10_000), nonce, AUDIENCE, List.of()), 400, Reason.PRESENTATION_TOO_LARGE);
        assertRefused(verify("not a presentation", nonce, AUDIENCE, List.of()), 400, Reason.PRESENTATION_MALFORMED);
    }

    @Test
    void theVerifierApiWantsAnIssuerOperator() throws Exception {
        assertEquals(401, post("/verifier/v1/nonces", null, "").statusCode());
        assertEquals(403, post("/verifier/v1/nonces", "compliance-officer:compliance-test-pw", "").statusCode());
    }

    /** One nonce, one accepted presentation, on any node: 20 parallel verifications of one presentation accept it once. */
    @Test
    void twentyParallelVerificationsOfOnePresentationAcceptItOnce() throws Exception {
        Holder holder = holder();
        String nonce = nonce();
        String presentation = present(holder, nonce, AUDIENCE, List.of());
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(pool.submit(() -> verify(presentation, nonce, AUDIENCE, List.of())));
            }
            int accepted = 0;
            for (Future<HttpResponse<String>> response : sent) {
                int status = response.get().statusCode();
                assertTrue(status == 200 || status == 400, status + " " + response.get().body());
                accepted += status == 200 ? 1 : 0;
            }
            assertEquals(1, accepted);
        } finally {
            pool.shutdownNow();
        }
    }
}
