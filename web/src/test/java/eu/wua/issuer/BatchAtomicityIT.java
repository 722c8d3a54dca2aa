package eu.wua.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.wallet.AttestedKeys;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletProviderClient;

/**
 * What needs a hand inside the platform: the HSM failing while signing credential 7 of 10 (a batch
 * is issued whole or not at all: no credential, no status index, the KA and the c_nonce unused, so
 * the same request succeeds once the HSM is back), and a pre-authorized code whose time ran out.
 * Its own deployment, with the failing signer.
 */
@ExtendWith(ArquillianExtension.class)
class BatchAtomicityIT {

    // IssuerIT's own constants, repeated: that class (with its client-side libraries) is not in this deployment
    private static final String ISSUER = "http://localhost:" + System.getProperty("it.port", "8887");
    private static final String PID = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private static final String PIN = "135246";
    private static final String SUBJECT = "{\"family_name\": \"Dupont\", \"given_name\": \"Jeanne\", \"birthdate\": \"1980-05-23\","
            + " \"place_of_birth\": {\"country\": \"FR\"}, \"nationalities\": [\"FR\"]}";
    private static final URI PLATFORM = URI.create(ISSUER);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Deployment
    static WebArchive platformWithAFailingHsm() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")))
                .addClasses(FailingCredentialSigner.class, IssuanceProbe.class)
                .addPackage(ReferenceWallet.class.getPackage());
    }

    @Inject
    IssuanceProbe probe;

    /** {@code headers}: more header names and values, in pairs. */
    private static HttpResponse<String> post(String path, String authorization, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(PLATFORM.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(JsonObject offer) {
        return "grant_type=" + java.net.URLEncoder.encode("urn:ietf:params:oauth:grant-type:pre-authorized_code", StandardCharsets.UTF_8)
                + "&pre-authorized_code=" + offer.getString("pre-authorized_code") + "&tx_code=" + offer.getString("tx_code");
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void theHsmFailingAtCredentialSevenOfTenLeavesNothingIssuedAndTheSameRequestWorksAfterwards() throws Exception {
        JsonObject offer = json(post("/issuer/v1/offers", "Basic " + Base64.getEncoder().encodeToString(
                "issuer-operator:operator-test-pw".getBytes(StandardCharsets.UTF_8)), "application/json",
                "{\"credential_configuration_id\": \"" + PID + "\", \"subject\": " + SUBJECT + "}").body());
        ReferenceWallet wallet = ReferenceWallet.register(new WalletProviderClient(PLATFORM, ISSUER + "/wallet-provider"), PIN);
        String wia = wallet.walletInstanceAttestation();
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(PLATFORM.resolve("/issuer/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("OAuth-Client-Attestation", wia)
                .header("OAuth-Client-Attestation-PoP", wallet.clientAttestationPop(ISSUER))
                .POST(HttpRequest.BodyPublishers.ofString(form(offer))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        String accessToken = "Bearer " + json(token.body()).getString("access_token");
        String cNonce = json(post("/issuer/nonce", null, "application/json", "").body()).getString("c_nonce");
        AttestedKeys keys = wallet.generateKeys(PIN, 10, "ts3", cNonce);
        String request = Json.createObjectBuilder().add("credential_configuration_id", PID).add("proofs", Json.createObjectBuilder()
                .add("jwt", Json.createArrayBuilder().add(wallet.jwtProof(PIN, keys, ISSUER, cNonce)))).build().toString();
        long entries = probe.credentialStatusEntries();
        long credentials = probe.issuedCredentials();
        long usedKas = probe.usedKeyAttestations();

        FailingCredentialSigner.failAt(7);
        HttpResponse<String> failed = post("/issuer/credential", accessToken, "application/json", request,
                "OAuth-Client-Attestation", wia, "OAuth-Client-Attestation-PoP", wallet.clientAttestationPop(ISSUER));

        assertEquals(503, failed.statusCode(), failed.body());
        assertEquals(entries, probe.credentialStatusEntries(), "no status index taken");
        assertEquals(credentials, probe.issuedCredentials(), "no credential recorded");
        assertEquals(usedKas, probe.usedKeyAttestations(), "the key attestation is still unused");

        HttpResponse<String> retried = post("/issuer/credential", accessToken, "application/json", request,
                "OAuth-Client-Attestation", wia, "OAuth-Client-Attestation-PoP", wallet.clientAttestationPop(ISSUER));
        assertEquals(200, retried.statusCode(), "the c_nonce and the KA were left usable: " + retried.body());
        assertEquals(10, json(retried.body()).getJsonArray("credentials").size());
        assertEquals(entries + 10, probe.credentialStatusEntries());
    }

    @Test
    void anExpiredPreAuthorizedCodeIsAnInvalidGrant() throws Exception {
        JsonObject offer = json(post("/issuer/v1/offers", "Basic " + Base64.getEncoder().encodeToString(
                "issuer-operator:operator-test-pw".getBytes(StandardCharsets.UTF_8)), "application/json",
                "{\"credential_configuration_id\": \"" + PID + "\", \"subject\": " + SUBJECT + "}").body());
        probe.expire(offer.getString("offer_id"));
        ReferenceWallet wallet = ReferenceWallet.register(new WalletProviderClient(PLATFORM, ISSUER + "/wallet-provider"), PIN);
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(PLATFORM.resolve("/issuer/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("OAuth-Client-Attestation", wallet.walletInstanceAttestation())
                .header("OAuth-Client-Attestation-PoP", wallet.clientAttestationPop(ISSUER))
                .POST(HttpRequest.BodyPublishers.ofString(form(offer))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, token.statusCode(), token.body());
        assertEquals("invalid_grant", json(token.body()).getString("error"));
        org.junit.jupiter.api.Assertions.assertTrue(json(token.body()).getString("error_description").contains("expired"), token.body());
    }
}
