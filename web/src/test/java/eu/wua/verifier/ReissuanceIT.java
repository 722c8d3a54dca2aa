package eu.wua.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

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
import eu.wua.wallet.CredentialOffer;
import eu.wua.wallet.PlatformRefusal;
import eu.wua.wallet.ReceivedCredential;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletProviderClient;

/**
 * Re-issuance by presentation over real HTTP (issue #20): the reference wallet presents the PID it
 * holds to the OpenID4VP request on the authorization page, and the new batch is that PID's
 * subject's; a revoked PID is refused with a reason the person reads on the page and the audit's.
 */
@ExtendWith(ArquillianExtension.class)
class ReissuanceIT {

    private static final String PLATFORM_URL = "http://localhost:" + System.getProperty("it.port", "8887");
    private static final String PID = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private static final String PIN = "112358";
    private static final String OPERATOR = "issuer-operator:operator-test-pw";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String SUBJECT = """
            {"family_name": "Renew", "given_name": "Rita", "birthdate": "1981-01-02",
             "place_of_birth": {"locality": "Liege", "country": "BE"}, "nationalities": ["BE"]}""";

    @Deployment(testable = false)
    static WebArchive packagedPlatform() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    @ArquillianResource
    URL deployment;

    private URI platform;

    @BeforeEach
    void platform() {
        platform = URI.create("http://localhost:" + deployment.getPort());
    }

    private HttpResponse<String> post(String path, String credentials, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(platform.resolve(path)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Holder(ReferenceWallet wallet, ReferenceWallet.Issuance issuance, String offerId) {
    }

    private Holder holder() throws Exception {
        JsonObject offer = Json.createReader(new StringReader(post("/issuer/v1/offers", OPERATOR, "{\"credential_configuration_id\": \""
                + PID + "\", \"subject\": " + SUBJECT + "}").body())).readObject();
        ReferenceWallet wallet = ReferenceWallet.register(new WalletProviderClient(platform, PLATFORM_URL + "/wallet-provider"), PIN);
        return new Holder(wallet, wallet.obtainCredentials(CredentialOffer.parse(offer.getString("credential_offer_link")),
                offer.getString("tx_code"), PIN, 1, "ts3", "jwt"), offer.getString("offer_id"));
    }

    private ReferenceWallet.Issuance reissue(Holder holder) throws Exception {
        return holder.wallet().obtainCredentialsByPresentation(CredentialOffer.walletInitiated(PLATFORM_URL, PID),
                holder.issuance().credentials().get(0), holder.issuance().keys().keys().get(0), PIN, 2, "ts3", "jwt");
    }

    @Test
    void aPresentedPidGetsANewBatchForItsSubject() throws Exception {
        Holder holder = holder();
        ReferenceWallet.Issuance renewed = reissue(holder);
        assertEquals(2, renewed.credentials().size());
        for (ReceivedCredential credential : renewed.credentials()) {
            assertEquals("Rita", credential.claims().get("given_name"));
            assertEquals("Renew", credential.claims().get("family_name"));
            assertEquals("1981-01-02", credential.claims().get("birthdate"));
        }
        assertFalse(renewed.keys().keys().get(0).kid().equals(holder.issuance().keys().keys().get(0).kid()), "new keys for the new batch");
    }

    @Test
    void aRevokedPidIsRefusedWithAReasonThePersonCanRead() throws Exception {
        Holder holder = holder();
        HttpResponse<String> revoked = post("/admin/v1/offers/" + holder.offerId() + "/revoke", "administrator:admin-test-pw",
                "{\"reason\": \"test\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        Instant sentAt = Instant.now();
        PlatformRefusal refusal = assertThrows(PlatformRefusal.class, () -> reissue(holder));
        assertEquals(401, refusal.status(), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("revoked or suspended"), refusal.getMessage());
        assertEquals("CREDENTIAL_REVOKED", RecordedRejections.newestReason(platform, sentAt));
    }

    @Test
    void anUnknownStateOrRequestIsAnInvalidRequest() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(platform.resolve("/verifier/openid4vp/responses"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "state=unknown&vp_token=%7B%7D")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"invalid_request\""), response.body());
        HttpResponse<String> request = HTTP.send(HttpRequest.newBuilder(platform.resolve("/verifier/openid4vp/requests/unknown")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, request.statusCode(), request.body());
        assertTrue(request.body().contains("\"invalid_request\""), request.body());
    }
}
