package eu.wua.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.authlete.sd.Disclosure;
import com.authlete.sd.SDJWT;
import com.authlete.sd.SDObjectDecoder;

import eu.wua.audit.RecordedRejections;
import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.OpenId4Vci;
import eu.wua.wallet.CredentialOffer;
import eu.wua.wallet.IssuerClient;
import eu.wua.wallet.ReceivedCredential;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletProviderClient;

/**
 * OpenID4VCI issuance over real HTTP with the reference wallet: offer, token with WIA + PoP, c_nonce,
 * keys and KA in the remote WSCD, proof, batch of SD-JWT VC PIDs; each credential checked again with
 * an SD-JWT implementation of others (Authlete) and the JDK's own ECDSA.
 */
@ExtendWith(ArquillianExtension.class)
class IssuerIT {

    /** The suite's wua.public-base-url (arquillian.xml): it.port, 8887 unless -Dit.port says otherwise. */
    static final String ISSUER = "http://localhost:" + System.getProperty("it.port", "8887");
    static final String PID = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    static final String PIN = "246802";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Deployment(testable = false)
    static WebArchive packagedPlatform() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    @ArquillianResource
    URL deployment;

    private URI platform;

    /** When the last request was sent: its refusal is the newest audit event since. */
    private java.time.Instant sentAt = java.time.Instant.EPOCH;

    @BeforeEach
    void platform() {
        platform = URI.create("http://localhost:" + deployment.getPort());
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    HttpResponse<String> send(String method, String path, String credentials, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        sentAt = java.time.Instant.now();
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static final String SUBJECT = """
            {"family_name": "Dupont", "given_name": "Jeanne", "birthdate": "1980-05-23",
             "place_of_birth": {"locality": "Lyon", "country": "FR"}, "nationalities": ["FR"],
             "address": {"street_address": "1 Rue Exemple", "locality": "Paris", "postal_code": "75001", "country": "FR"}}""";

    /** An offer from the back office, as identity proofing would make it. */
    JsonObject offer() throws Exception {
        HttpResponse<String> response = send("POST", "/issuer/v1/offers", "issuer-operator:operator-test-pw", "application/json",
                "{\"credential_configuration_id\": \"" + PID + "\", \"subject\": " + SUBJECT + "}");
        assertEquals(201, response.statusCode(), response.body());
        return json(response.body());
    }

    ReferenceWallet wallet() throws Exception {
        return ReferenceWallet.register(new WalletProviderClient(platform, ISSUER + "/wallet-provider"), PIN);
    }

    // --- metadata ------------------------------------------------------------------------------------

    @Test
    void theMetadataNamesTheEndpointsProofTypesKeyAttestationsAndBatchPolicy() throws Exception {
        JsonObject issuer = json(send("GET", "/.well-known/openid-credential-issuer", null, null, null).body());
        assertEquals(ISSUER, issuer.getString("credential_issuer"));
        assertEquals(ISSUER + "/issuer/credential", issuer.getString("credential_endpoint"));
        assertEquals(ISSUER + "/issuer/nonce", issuer.getString("nonce_endpoint"));
        assertTrue(issuer.getJsonObject("batch_credential_issuance").getInt("batch_size") >= 10);
        JsonObject pid = issuer.getJsonObject("credential_configurations_supported").getJsonObject(PID);
        assertEquals("dc+sd-jwt", pid.getString("format"));
        assertEquals("urn:eudi:pid:1", pid.getString("vct"));
        for (String type : List.of("jwt", "attestation")) {
            JsonObject proofType = pid.getJsonObject("proof_types_supported").getJsonObject(type);
            assertEquals("ES256", proofType.getJsonArray("proof_signing_alg_values_supported").getString(0));
            assertTrue(proofType.getJsonObject("key_attestations_required").getJsonArray("key_storage").toString().contains("iso_18045_"));
        }
        assertEquals(10, pid.getJsonObject("credential_metadata").getJsonObject("credential_reuse_policy").getJsonArray("options")
                .getJsonObject(0).getInt("batch_size"));

        JsonObject as = json(send("GET", "/.well-known/oauth-authorization-server", null, null, null).body());
        assertEquals(ISSUER, as.getString("issuer"));
        assertEquals(ISSUER + "/issuer/token", as.getString("token_endpoint"));
        assertTrue(as.getJsonArray("token_endpoint_auth_methods_supported").toString().contains("attest_jwt_client_auth"));
        assertEquals("[\"ES256\"]", as.getJsonArray("dpop_signing_alg_values_supported").toString(), "RFC 9449 §5.1: the DPoP algorithms");
        assertTrue(as.containsKey("client_attestation_signing_alg_values_supported"));
        assertTrue(as.containsKey("client_attestation_pop_signing_alg_values_supported"));
    }

    @Test
    void theNonceEndpointAnswersAFreshUncachedCNonce() throws Exception {
        HttpResponse<String> first = send("POST", "/issuer/nonce", null, null, null);
        assertEquals(200, first.statusCode());
        assertEquals("no-store", first.headers().firstValue("Cache-Control").orElse(""));
        assertNotEquals(json(first.body()).getString("c_nonce"), json(send("POST", "/issuer/nonce", null, null, null).body()).getString("c_nonce"));
    }

    // --- the whole flow ----------------------------------------------------------------------------

    @Test
    void aKaOfThreeKeysGivesThreePidsEachBoundToItsKeyAndCheckedIndependently() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet.Issuance issuance = wallet().obtainCredentials(CredentialOffer.parse(offer.getString("credential_offer_link")),
                offer.getString("tx_code"), PIN, 3, "ts3", "jwt");

        assertEquals(3, issuance.credentials().size());
        Set<Object> statusIndexes = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            ReceivedCredential credential = issuance.credentials().get(i);
            assertEquals("Dupont", credential.claims().get("family_name"));
            assertEquals("urn:eudi:pid:1", credential.payload().get("vct"));
            statusIndexes.add(((Map<?, ?>) ((Map<?, ?>) credential.payload().get("status")).get("status_list")).get("idx"));
            // HAIP §6.1: the time claims are the start of a UTC day, the same for the whole batch
            assertEquals(0, ((Number) credential.payload().get("iat")).longValue() % 86400, "iat " + credential.payload().get("iat"));
            assertEquals(0, ((Number) credential.payload().get("exp")).longValue() % 86400, "exp " + credential.payload().get("exp"));
            checkIndependently(credential.compact(), issuance.keys().keys().get(i).publicJwk());
        }
        assertEquals(3, statusIndexes.size(), "each credential has its own status index");
    }

    @Test
    void aKaOfFifteenKeysGivesTheBatchSizeOfTen() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet.Issuance issuance = wallet().obtainCredentials(CredentialOffer.parse(offer.getString("credential_offer_link")),
                offer.getString("tx_code"), PIN, 15, "openid4vci", "jwt");
        assertEquals(10, issuance.credentials().size());
    }

    @Test
    void theAttestationProofTypeIssuesWithoutAPop() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet.Issuance issuance = wallet().obtainCredentials(CredentialOffer.parse(offer.getString("credential_offer_link")),
                offer.getString("tx_code"), PIN, 2, "ts3", "attestation");
        assertEquals(2, issuance.credentials().size());
    }

    /**
     * HAIP §6.1 (issue #19): every signer's x5c (credential, status list tokens, WIA, KA) holds the
     * signing certificate and its chain without the trust anchor, and no certificate in it is self-signed.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everySignersX5cLeavesOutTheTrustAnchorAndHoldsNoSelfSignedCertificate() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet wallet = wallet();
        ReferenceWallet.Issuance issuance = wallet.obtainCredentials(CredentialOffer.parse(offer.getString("credential_offer_link")),
                offer.getString("tx_code"), PIN, 1, "ts3", "jwt");
        ReceivedCredential credential = issuance.credentials().get(0);
        String wia = wallet.walletInstanceAttestation();
        Map<String, String> signed = new java.util.LinkedHashMap<>();
        signed.put("credential", credential.compact().split("~")[0]);
        signed.put("WIA", wia);
        signed.put("KA", issuance.keys().keyAttestation());
        String pidList = (String) ((Map<String, Object>) ((Map<String, Object>) credential.payload().get("status")).get("status_list")).get("uri");
        JsonObject wiaClaims = json(new String(Base64.getUrlDecoder().decode(wia.split("\\.")[1]), StandardCharsets.UTF_8));
        // TS3 §2.4: a WIA names its status entry in client_status
        String wiaList = wiaClaims.getJsonObject("client_status").getJsonObject("status").getJsonObject("status_list").getString("uri");
        for (String list : List.of(pidList, wiaList)) {
            signed.put("status list " + list, HTTP.send(HttpRequest.newBuilder(URI.create(list)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body().strip());
        }
        CertificateFactory certificates = CertificateFactory.getInstance("X.509");
        for (Map.Entry<String, String> jws : signed.entrySet()) {
            JsonObject header = json(new String(Base64.getUrlDecoder().decode(jws.getValue().split("\\.")[0]), StandardCharsets.UTF_8));
            assertTrue(header.containsKey("x5c"), jws.getKey() + " has an x5c");
            List<X509Certificate> chain = new java.util.ArrayList<>();
            for (var encoded : header.getJsonArray("x5c").getValuesAs(jakarta.json.JsonString.class)) {
                chain.add((X509Certificate) certificates.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(encoded.getString()))));
            }
            assertFalse(chain.isEmpty(), jws.getKey());
            for (X509Certificate certificate : chain) {
                assertNotEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal(), jws.getKey()
                        + ": no self-signed certificate (a trust anchor) in x5c: " + certificate.getSubjectX500Principal());
            }
        }
    }

    /**
     * Authlete's SD-JWT parser and decoder, and the JDK's ECDSA over the JWS signing input: nothing of
     * ours. The disclosed claims must hold the offer's attributes; cnf.jwk must be the attested key.
     */
    @SuppressWarnings("unchecked")
    static void checkIndependently(String sdJwt, PublicJsonWebKey attestedKey) throws Exception {
        SDJWT parsed = SDJWT.parse(sdJwt);
        String[] jwt = parsed.getCredentialJwt().split("\\.");
        Map<String, Object> header = new com.google.gson.Gson().fromJson(new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8), Map.class);
        assertEquals("dc+sd-jwt", header.get("typ"));
        X509Certificate signer = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode((String) ((List<Object>) header.get("x5c")).get(0))));
        assertNotEquals(signer.getSubjectX500Principal(), signer.getIssuerX500Principal(), "the x5c leaf is not self-signed");
        Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
        ecdsa.initVerify(signer.getPublicKey());
        ecdsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(ecdsa.verify(Base64.getUrlDecoder().decode(jwt[2])), "the issuer's signature verifies");

        Map<String, Object> payload = new com.google.gson.Gson().fromJson(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8), Map.class);
        assertEquals("sha-256", payload.get("_sd_alg"));
        Set<String> digests = new HashSet<>();
        for (Disclosure disclosure : parsed.getDisclosures()) {
            assertTrue(digests.add(disclosure.digest()), "no digest twice");
        }
        Map<String, Object> claims = new SDObjectDecoder().decode(payload, parsed.getDisclosures());
        assertEquals("Dupont", claims.get("family_name"));
        assertEquals("Jeanne", claims.get("given_name"));
        assertEquals("1980-05-23", claims.get("birthdate"));
        assertEquals(List.of("FR"), claims.get("nationalities"));
        // the address members are disclosures inside the address disclosure (RFC 9901 §4.2.6); Authlete
        // 1.5 decodes one level per call, so the disclosed address is decoded once more
        Map<String, Object> address = new SDObjectDecoder().decode((Map<String, Object>) claims.get("address"), parsed.getDisclosures());
        assertEquals("Paris", address.get("locality"));
        assertEquals("1 Rue Exemple", address.get("street_address"));
        assertFalse(claims.containsKey("_sd"));
        Map<String, Object> cnf = (Map<String, Object>) ((Map<String, Object>) payload.get("cnf")).get("jwk");
        assertEquals(attestedKey.calculateBase64urlEncodedThumbprint("SHA-256"),
                PublicJsonWebKey.Factory.newPublicJwk(cnf).calculateBase64urlEncodedThumbprint("SHA-256"));
        assertTrue(sdJwt.endsWith("~"));
    }

    // --- refusals: helpers ----------------------------------------------------------------------------

    static void assertRefused(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject body = json(response.body());
        assertEquals(error, body.getString("error"), response.body());
        assertFalse(body.getString("error_description").isBlank());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    /** The refusal on the wire, and the reason the audit trail recorded for it. */
    void assertRefused(HttpResponse<String> response, int status, String error, Reason reason) throws Exception {
        assertRefused(response, status, error);
        assertEquals(reason.name(), RecordedRejections.newestReason(platform, sentAt), response.body());
    }

    HttpResponse<String> tokenRequest(String form, String wia, String pop) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.resolve("/issuer/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (wia != null) {
            request.header("OAuth-Client-Attestation", wia);
        }
        if (pop != null) {
            request.header("OAuth-Client-Attestation-PoP", pop);
        }
        sentAt = java.time.Instant.now();
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(JsonObject offer, String txCode) {
        return "grant_type=" + java.net.URLEncoder.encode(OpenId4Vci.PRE_AUTHORIZED_GRANT, StandardCharsets.UTF_8)
                + "&pre-authorized_code=" + offer.getString("pre-authorized_code") + (txCode == null ? "" : "&tx_code=" + txCode);
    }

    /** The session's token with its wallet's WIA and a fresh PoP, as a wallet sends a credential request. */
    HttpResponse<String> credentialRequest(Session session, String body) throws Exception {
        return credentialRequest(session.accessToken(), session.wia(), session.wallet().clientAttestationPop(ISSUER), body);
    }

    HttpResponse<String> credentialRequest(String accessToken, String wia, String pop, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.resolve("/issuer/credential")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        if (wia != null) {
            request.header("OAuth-Client-Attestation", wia);
        }
        if (pop != null) {
            request.header("OAuth-Client-Attestation-PoP", pop);
        }
        sentAt = java.time.Instant.now();
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String jwtProofs(String... proofs) {
        var list = Json.createArrayBuilder();
        for (String proof : proofs) {
            list.add(proof);
        }
        return Json.createObjectBuilder().add("credential_configuration_id", PID)
                .add("proofs", Json.createObjectBuilder().add("jwt", list)).build().toString();
    }

    /** A wallet with an access token for a fresh offer. */
    record Session(ReferenceWallet wallet, String accessToken, String wia) {
    }

    Session session() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet wallet = wallet();
        String wia = wallet.walletInstanceAttestation();
        HttpResponse<String> token = tokenRequest(form(offer, offer.getString("tx_code")), wia, wallet.clientAttestationPop(ISSUER));
        assertEquals(200, token.statusCode(), token.body());
        return new Session(wallet, json(token.body()).getString("access_token"), wia);
    }

    String cNonce() throws Exception {
        return json(send("POST", "/issuer/nonce", null, null, null).body()).getString("c_nonce");
    }

    static Map<String, Object> proofHeader(String keyAttestation) {
        Map<String, Object> header = new java.util.LinkedHashMap<>();
        header.put("typ", "openid4vci-proof+jwt");
        header.put("key_attestation", keyAttestation);
        return header;
    }

    static Map<String, Object> proofClaims(String audience, long iat, String nonce) {
        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("iat", iat);
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        return claims;
    }

    static long now() {
        return java.time.Instant.now().getEpochSecond();
    }

    static String unsigned(Map<String, Object> header, Map<String, Object> claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(org.jose4j.json.JsonUtil.toJson(header).getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(org.jose4j.json.JsonUtil.toJson(claims).getBytes(StandardCharsets.UTF_8));
    }

    // --- refusals at the token endpoint -------------------------------------------------------------

    @Test
    void theTokenEndpointRefusesMissingForgedAndReplayedClientAttestations() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet wallet = wallet();
        String form = form(offer, offer.getString("tx_code"));
        String wia = wallet.walletInstanceAttestation();

        assertRefused(tokenRequest(form, null, null), 401, "invalid_client", Reason.CLIENT_ATTESTATION_MISSING);
        assertRefused(tokenRequest(form, "not-a-jwt", wallet.clientAttestationPop(ISSUER)), 401, "invalid_client", Reason.CLIENT_ATTESTATION_MALFORMED);
        String[] parts = wia.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String wrongType = b64.encodeToString(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                .replace("oauth-client-attestation+jwt", "JWT").getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
        assertRefused(tokenRequest(form, wrongType, wallet.clientAttestationPop(ISSUER)), 401, "invalid_client", Reason.CLIENT_ATTESTATION_TYPE);
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"oauth-client-attestation+jwt\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        assertRefused(tokenRequest(form, none, wallet.clientAttestationPop(ISSUER)), 401, "invalid_client", Reason.CLIENT_ATTESTATION_ALGORITHM);
        ReferenceWallet other = wallet();
        assertRefused(tokenRequest(form, wia, other.clientAttestationPop(ISSUER)), 401, "invalid_client", Reason.POP_SIGNATURE);
        assertRefused(tokenRequest(form, wia, wallet.clientAttestationPop("https://another-issuer.example")), 401, "invalid_client", Reason.POP_AUDIENCE);

        String pop = wallet.clientAttestationPop(ISSUER);
        assertEquals(200, tokenRequest(form, wia, pop).statusCode(), "every refusal above left the code usable");
        JsonObject second = offer();
        assertRefused(tokenRequest(form(second, second.getString("tx_code")), wia, pop), 401, "invalid_client", Reason.POP_JTI);
    }

    /** Issue #18: headers over 8 KiB got the listener's bare 400; up to 64 KiB reach the platform, which answers with its code. */
    @Test
    void attestationHeadersLongerThanTheListenersDefaultAreRefusedWithTheirCode() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet wallet = wallet();
        String longButNotJwt = "a".repeat(12 * 1024);
        HttpResponse<String> twelve = tokenRequest(form(offer, offer.getString("tx_code")), longButNotJwt, wallet.clientAttestationPop(ISSUER));
        assertRefused(twelve, 401, "invalid_client", Reason.CLIENT_ATTESTATION_MALFORMED);
        HttpResponse<String> tooLong = tokenRequest(form(offer, offer.getString("tx_code")), "a.b." + "c".repeat(20 * 1024),
                wallet.clientAttestationPop(ISSUER));
        assertRefused(tooLong, 401, "invalid_client", Reason.CLIENT_ATTESTATION_MALFORMED);
        assertTrue(json(tooLong.body()).getString("error_description").contains("longer than"), tooLong.body());
    }

    @Test
    void theTokenEndpointRefusesUnknownUsedAndGuessedCodes() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet wallet = wallet();
        String wia = wallet.walletInstanceAttestation();

        assertRefused(tokenRequest("grant_type=password&username=x", wia, wallet.clientAttestationPop(ISSUER)), 400, "unsupported_grant_type", Reason.UNSUPPORTED_GRANT_TYPE);
        assertRefused(tokenRequest(form(Json.createObjectBuilder().add("pre-authorized_code", "never-issued").build(), "123456"), wia,
                wallet.clientAttestationPop(ISSUER)), 400, "invalid_grant", Reason.GRANT_UNKNOWN);
        assertRefused(tokenRequest(form(offer, null), wia, wallet.clientAttestationPop(ISSUER)), 400, "invalid_request", Reason.TX_CODE_MISSING);
        String wrong = offer.getString("tx_code").equals("000000") ? "111111" : "000000";
        HttpResponse<String> guessed = tokenRequest(form(offer, wrong), wia, wallet.clientAttestationPop(ISSUER));
        assertRefused(guessed, 400, "invalid_grant", Reason.TX_CODE_WRONG);
        assertTrue(json(guessed.body()).getString("error_description").contains("4 tries left"), guessed.body());

        assertEquals(200, tokenRequest(form(offer, offer.getString("tx_code")), wia, wallet.clientAttestationPop(ISSUER)).statusCode());
        assertRefused(tokenRequest(form(offer, offer.getString("tx_code")), wia, wallet.clientAttestationPop(ISSUER)), 400, "invalid_grant", Reason.GRANT_USED);
    }

    @Test
    void fiveWrongTxCodesVoidTheCode() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet wallet = wallet();
        String wia = wallet.walletInstanceAttestation();
        String wrong = offer.getString("tx_code").equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertRefused(tokenRequest(form(offer, wrong), wia, wallet.clientAttestationPop(ISSUER)), 400, "invalid_grant", Reason.TX_CODE_WRONG);
        }
        assertRefused(tokenRequest(form(offer, offer.getString("tx_code")), wia, wallet.clientAttestationPop(ISSUER)), 400, "invalid_grant", Reason.GRANT_USED);
    }

    /**
     * Issue #18: a KA and its respelt variants (here its ECDSA twin, the signature (r, n-s)) sent
     * in 20 parallel credential requests give one batch: single use is a database constraint.
     */
    @Test
    void twentyParallelRequestsWithOneKeyAttestationAndItsTwinIssueExactlyOnce() throws Exception {
        Session session = session();
        String nonce = cNonce();
        String ka = session.wallet().generateKeys(PIN, 1, "ts3", nonce).keyAttestation();
        String twin = ecdsaTwin(ka);
        List<String> bodies = new java.util.ArrayList<>();
        List<String> pops = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bodies.add(Json.createObjectBuilder().add("credential_configuration_id", PID).add("proofs", Json.createObjectBuilder()
                    .add("attestation", Json.createArrayBuilder().add(i % 2 == 0 ? ka : twin))).build().toString());
            pops.add(session.wallet().clientAttestationPop(ISSUER));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String body = bodies.get(i);
                String pop = pops.get(i);
                sent.add(pool.submit(() -> credentialRequest(session.accessToken(), session.wia(), pop, body)));
            }
            int issued = 0;
            for (java.util.concurrent.Future<HttpResponse<String>> response : sent) {
                int status = response.get().statusCode();
                assertTrue(status == 200 || status == 400, status + " " + response.get().body());
                issued += status == 200 ? 1 : 0;
            }
            assertEquals(1, issued, "one KA, one batch");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The same JWS with the other valid ECDSA signature over its content: s replaced by n - s (P-256). */
    static String ecdsaTwin(String jws) {
        java.math.BigInteger n = new java.math.BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
        int dot = jws.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(jws.substring(dot + 1));
        java.math.BigInteger twinS = n.subtract(new java.math.BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64)));
        byte[] s = twinS.toByteArray();
        byte[] twin = java.util.Arrays.copyOf(signature, 64);
        java.util.Arrays.fill(twin, 32, 64, (byte) 0);
        int length = Math.min(s.length, 32);
        System.arraycopy(s, s.length - length, twin, 64 - length, length);
        return jws.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(twin);
    }

    @Test
    void twentyWrongTxCodesSentAtOnceAreCheckedFiveTimesAtMost() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet wallet = wallet();
        String wia = wallet.walletInstanceAttestation();
        String wrong = offer.getString("tx_code").equals("000000") ? "111111" : "000000";
        List<String> pops = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pops.add(wallet.clientAttestationPop(ISSUER));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
            for (String pop : pops) {
                sent.add(pool.submit(() -> tokenRequest(form(offer, wrong), wia, pop)));
            }
            int checked = 0;
            for (java.util.concurrent.Future<HttpResponse<String>> response : sent) {
                assertRefused(response.get(), 400, "invalid_grant");
                checked += json(response.get().body()).getString("error_description").contains("left") ? 1 : 0;
            }
            assertTrue(checked <= 5, checked + " guesses were checked against the tx_code; the limit is 5");
        } finally {
            pool.shutdownNow();
        }
        assertRefused(tokenRequest(form(offer, offer.getString("tx_code")), wia, wallet.clientAttestationPop(ISSUER)), 400, "invalid_grant",
                Reason.GRANT_USED);
    }

    HttpResponse<String> revoke(String instanceId) throws Exception {
        HttpResponse<String> revoked = send("POST", "/admin/v1/wallet-instances/" + instanceId + "/revoke", "administrator:admin-test-pw",
                "application/json", "{\"reason\": \"test\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        Thread.sleep(1500); // the issuer keeps a status list for its ttl (1 s in this suite)
        return revoked;
    }

    @Test
    void aRevokedWiaGetsNoToken() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet wallet = wallet();
        String wia = wallet.walletInstanceAttestation();
        revoke(wallet.instanceId());
        assertRefused(tokenRequest(form(offer, offer.getString("tx_code")), wia, wallet.clientAttestationPop(ISSUER)), 401, "invalid_client", Reason.CLIENT_ATTESTATION_REVOKED);
    }

    // --- refusals at the credential endpoint --------------------------------------------------------

    // --- DPoP (RFC 9449, #19) ------------------------------------------------------------------------

    /** A request to the issuer with exactly these headers (name, value pairs; a null value is left out). */
    HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        sentAt = java.time.Instant.now();
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String dpopNonceOf(HttpResponse<String> response) {
        return response.headers().firstValue("DPoP-Nonce").orElseThrow(() -> new AssertionError("no DPoP-Nonce header: " + response.headers()));
    }

    /**
     * Found by TwoNodesIT: the code was redeemed (and a tx_code attempt spent) before the DPoP proof was checked, so every
     * wallet's first try, refused for the server's nonce, cost one of the five attempts; 20 wallets racing with one code
     * spent them all and none got a token. Five refusals for the nonce now leave the code redeemable.
     */
    @Test
    void refusalsForTheDpopNonceSpendNoTxCodeAttempt() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet wallet = wallet();
        String wia = wallet.walletInstanceAttestation();
        String tokenEndpoint = ISSUER + "/issuer/token";
        String form = form(offer, offer.getString("tx_code"));
        for (int i = 0; i < 5; i++) {
            assertRefused(post("/issuer/token", "application/x-www-form-urlencoded", form, "OAuth-Client-Attestation", wia,
                    "OAuth-Client-Attestation-PoP", wallet.clientAttestationPop(ISSUER), "DPoP",
                    eu.wua.wallet.DpopKey.generate().proof("POST", tokenEndpoint, null)), 400, "use_dpop_nonce", Reason.DPOP_NONCE);
        }
        eu.wua.wallet.DpopKey key = eu.wua.wallet.DpopKey.generate();
        key.useNonce(dpopNonceOf(post("/issuer/token", "application/x-www-form-urlencoded", form, "OAuth-Client-Attestation", wia,
                "OAuth-Client-Attestation-PoP", wallet.clientAttestationPop(ISSUER), "DPoP", key.proof("POST", tokenEndpoint, null))));
        HttpResponse<String> issued = post("/issuer/token", "application/x-www-form-urlencoded", form, "OAuth-Client-Attestation", wia,
                "OAuth-Client-Attestation-PoP", wallet.clientAttestationPop(ISSUER), "DPoP", key.proof("POST", tokenEndpoint, null));
        assertEquals(200, issued.statusCode(), issued.body());
    }

    @Test
    void aDpopBoundTokenIsIssuedForAProofWithTheServersNonceAndUsedOnlyWithProofsByItsKey() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet wallet = wallet();
        String wia = wallet.walletInstanceAttestation();
        eu.wua.wallet.DpopKey key = eu.wua.wallet.DpopKey.generate();
        String tokenEndpoint = ISSUER + "/issuer/token";
        String form = form(offer, offer.getString("tx_code"));

        HttpResponse<String> noNonce = post("/issuer/token", "application/x-www-form-urlencoded", form, "OAuth-Client-Attestation", wia,
                "OAuth-Client-Attestation-PoP", wallet.clientAttestationPop(ISSUER), "DPoP", key.proof("POST", tokenEndpoint, null));
        assertRefused(noNonce, 400, "use_dpop_nonce", Reason.DPOP_NONCE);
        key.useNonce(dpopNonceOf(noNonce));
        HttpResponse<String> wrongUri = post("/issuer/token", "application/x-www-form-urlencoded", form, "OAuth-Client-Attestation", wia,
                "OAuth-Client-Attestation-PoP", wallet.clientAttestationPop(ISSUER), "DPoP", key.proof("POST", ISSUER + "/issuer/nonce", null));
        assertRefused(wrongUri, 400, "invalid_dpop_proof", Reason.DPOP_URI);
        HttpResponse<String> issued = post("/issuer/token", "application/x-www-form-urlencoded", form, "OAuth-Client-Attestation", wia,
                "OAuth-Client-Attestation-PoP", wallet.clientAttestationPop(ISSUER), "DPoP", key.proof("POST", tokenEndpoint, null));
        assertEquals(200, issued.statusCode(), issued.body());
        assertEquals("DPoP", json(issued.body()).getString("token_type"));
        String token = json(issued.body()).getString("access_token");

        String credentialEndpoint = ISSUER + "/issuer/credential";
        var keys = wallet.generateKeys(PIN, 1, "ts3", null);
        String body = jwtProofs(wallet.jwtProof(PIN, keys, ISSUER, cNonce()));
        assertRefused(post("/issuer/credential", "application/json", body, "Authorization", "Bearer " + token,
                "OAuth-Client-Attestation", wia, "OAuth-Client-Attestation-PoP", wallet.clientAttestationPop(ISSUER)), 401, "invalid_token",
                Reason.TOKEN_DPOP_BOUND);
        eu.wua.wallet.DpopKey stranger = eu.wua.wallet.DpopKey.generate();
        stranger.useNonce(dpopNonceOf(issued));
        HttpResponse<String> otherKey = post("/issuer/credential", "application/json", body, "Authorization", "DPoP " + token,
                "DPoP", stranger.proof("POST", credentialEndpoint, token));
        assertRefused(otherKey, 401, "invalid_dpop_proof", Reason.DPOP_OTHER_KEY);
        assertTrue(otherKey.headers().firstValue("WWW-Authenticate").orElse("").startsWith("DPoP"), otherKey.headers().toString());
        assertRefused(post("/issuer/credential", "application/json", body, "Authorization", "DPoP " + token,
                "DPoP", key.proof("POST", credentialEndpoint, "another-token")), 401, "invalid_dpop_proof", Reason.DPOP_ACCESS_TOKEN_HASH);
        assertRefused(post("/issuer/credential", "application/json", body, "Authorization", "DPoP " + token), 401, "invalid_dpop_proof",
                Reason.DPOP_REQUIRED);

        String proof = key.proof("POST", credentialEndpoint, token);
        HttpResponse<String> credentials = post("/issuer/credential", "application/json", body, "Authorization", "DPoP " + token, "DPoP", proof);
        assertEquals(200, credentials.statusCode(), "the refusals used up neither the c_nonce nor the KA: " + credentials.body());
        var again = wallet.generateKeys(PIN, 1, "ts3", null);
        assertRefused(post("/issuer/credential", "application/json", jwtProofs(wallet.jwtProof(PIN, again, ISSUER, cNonce())),
                "Authorization", "DPoP " + token, "DPoP", proof), 401, "invalid_dpop_proof", Reason.DPOP_JTI);
    }

    @Test
    void hmacSignedAndPrivateKeyCarryingDpopProofsAreRefusedAtTheTokenEndpoint() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet wallet = wallet();
        String nonce = dpopNonceOf(post("/issuer/nonce", "application/json", ""));
        long now = now();
        Map<String, Object> claimMap = new java.util.LinkedHashMap<>(Map.of("jti", java.util.UUID.randomUUID().toString(), "htm", "POST",
                "htu", ISSUER + "/issuer/token", "iat", now, "nonce", nonce));
        String claims = org.jose4j.json.JsonUtil.toJson(claimMap);
        String hmacInput = unsigned(Map.of("typ", "dpop+jwt", "alg", "HS256"), claimMap);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
        String hmac = hmacInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(hmacInput.getBytes(StandardCharsets.US_ASCII)));
        assertRefused(post("/issuer/token", "application/x-www-form-urlencoded", form(offer, offer.getString("tx_code")),
                "OAuth-Client-Attestation", wallet.walletInstanceAttestation(), "OAuth-Client-Attestation-PoP", wallet.clientAttestationPop(ISSUER),
                "DPoP", hmac), 400, "invalid_dpop_proof", Reason.DPOP_ALGORITHM);

        org.jose4j.jwk.EllipticCurveJsonWebKey leaky = org.jose4j.jwk.EcJwkGenerator.generateJwk(org.jose4j.keys.EllipticCurves.P256);
        org.jose4j.jws.JsonWebSignature withPrivate = new org.jose4j.jws.JsonWebSignature();
        withPrivate.setPayload(claims);
        withPrivate.setHeader("typ", "dpop+jwt");
        withPrivate.setAlgorithmHeaderValue("ES256");
        withPrivate.getHeaders().setObjectHeaderValue("jwk", leaky.toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        withPrivate.setKey(leaky.getPrivateKey());
        assertRefused(post("/issuer/token", "application/x-www-form-urlencoded", form(offer, offer.getString("tx_code")),
                "OAuth-Client-Attestation", wallet.walletInstanceAttestation(), "OAuth-Client-Attestation-PoP", wallet.clientAttestationPop(ISSUER),
                "DPoP", withPrivate.getCompactSerialization()), 400, "invalid_dpop_proof", Reason.DPOP_KEY);
    }

    /** RFC 9449 §11.1: one proof, one use, on every node: 20 parallel requests with one proof give one batch. */
    @Test
    void twentyParallelCredentialRequestsWithOneDpopProofIssueOnce() throws Exception {
        ReferenceWallet wallet = wallet();
        IssuerClient issuer = new IssuerClient(ISSUER);
        JsonObject offer = offer();
        IssuerClient.AccessToken token = issuer.token(offer.getString("pre-authorized_code"), offer.getString("tx_code"),
                wallet.walletInstanceAttestation(), wallet.clientAttestationPop(ISSUER));
        String proof = token.dpopKey().proof("POST", ISSUER + "/issuer/credential", token.value());
        List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String nonce = cNonce();
            bodies.add(Json.createObjectBuilder().add("credential_configuration_id", PID).add("proofs", Json.createObjectBuilder()
                    .add("attestation", Json.createArrayBuilder().add(wallet.generateKeys(PIN, 1, "ts3", nonce).keyAttestation()))).build().toString());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
            for (String body : bodies) {
                sent.add(pool.submit(() -> post("/issuer/credential", "application/json", body, "Authorization", "DPoP " + token.value(),
                        "DPoP", proof)));
            }
            int issued = 0;
            for (java.util.concurrent.Future<HttpResponse<String>> response : sent) {
                int status = response.get().statusCode();
                assertTrue(status == 200 || status == 401, status + " " + response.get().body());
                issued += status == 200 ? 1 : 0;
            }
            assertEquals(1, issued, "one DPoP proof, one request");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Issue #18: instance B sent instance A's Bearer token with its own KA and proof, and got A's PID bound to its key. */
    @Test
    void aStolenAccessTokenIsRefusedToEveryOtherWalletInstance() throws Exception {
        Session victim = session();
        ReferenceWallet thief = wallet();
        var keys = thief.generateKeys(PIN, 1, "ts3", null);
        String proof = thief.jwtProof(PIN, keys, ISSUER, cNonce());

        assertRefused(credentialRequest(victim.accessToken(), thief.walletInstanceAttestation(), thief.clientAttestationPop(ISSUER),
                jwtProofs(proof)), 401, "invalid_token", Reason.TOKEN_OTHER_CLIENT);
        assertRefused(credentialRequest(victim.accessToken(), null, null, jwtProofs(proof)), 401, "invalid_client",
                Reason.CLIENT_ATTESTATION_MISSING);
        // the victim's WIA is public to whoever saw the token request; its PoP needs the victim's instance key
        assertRefused(credentialRequest(victim.accessToken(), victim.wia(), thief.clientAttestationPop(ISSUER), jwtProofs(proof)), 401,
                "invalid_client", Reason.POP_SIGNATURE);
        String seenPop = victim.wallet().clientAttestationPop(ISSUER);
        var victimKeys = victim.wallet().generateKeys(PIN, 1, "ts3", null);
        String victimProof = victim.wallet().jwtProof(PIN, victimKeys, ISSUER, cNonce());
        assertEquals(200, credentialRequest(victim.accessToken(), victim.wia(), seenPop, jwtProofs(victimProof)).statusCode());
        var againKeys = victim.wallet().generateKeys(PIN, 1, "ts3", null);
        assertRefused(credentialRequest(victim.accessToken(), victim.wia(), seenPop, jwtProofs(victim.wallet().jwtProof(PIN, againKeys, ISSUER,
                cNonce()))), 401, "invalid_client", Reason.POP_JTI);
    }

    @Test
    void theCredentialEndpointRefusesBadTokensAndBodies() throws Exception {
        Session session = session();
        var keys = session.wallet().generateKeys(PIN, 2, "ts3", null);
        String proof = session.wallet().jwtProof(PIN, keys, ISSUER, cNonce());

        HttpResponse<String> noToken = credentialRequest(null, session.wia(), session.wallet().clientAttestationPop(ISSUER), jwtProofs(proof));
        assertRefused(noToken, 401, "invalid_token", Reason.TOKEN_MISSING);
        assertTrue(noToken.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertRefused(credentialRequest("forged-token", session.wia(), session.wallet().clientAttestationPop(ISSUER), jwtProofs(proof)), 401,
                "invalid_token", Reason.TOKEN_INVALID);
        assertRefused(credentialRequest(session, "{not json"), 400, "invalid_credential_request", Reason.CREDENTIAL_REQUEST_MALFORMED);
        assertRefused(credentialRequest(session, "{\"proofs\": {\"jwt\": [\"" + proof + "\"]}}"), 400, "invalid_credential_request", Reason.CREDENTIAL_REQUEST_MALFORMED);
        assertRefused(credentialRequest(session, "{\"credential_configuration_id\": \"no-such\", \"proofs\": {\"jwt\": [\""
                + proof + "\"]}}"), 400, "unknown_credential_configuration", Reason.CREDENTIAL_CONFIGURATION_UNKNOWN);
        assertRefused(credentialRequest(session, "{\"credential_configuration_id\": \"" + PID + "\", \"proof\": {\"jwt\": \""
                + proof + "\"}}"), 400, "invalid_proof", Reason.PROOFS_MISSING);
        assertRefused(credentialRequest(session, "{\"credential_configuration_id\": \"" + PID + "\", \"proofs\": {\"jwt\": [\""
                + proof + "\"], \"attestation\": [\"" + keys.keyAttestation() + "\"]}}"), 400, "invalid_credential_request", Reason.PROOFS_SHAPE);
        assertRefused(credentialRequest(session, "{\"credential_configuration_id\": \"" + PID + "\", \"proofs\": {\"di_vp\": [\""
                + proof + "\"]}}"), 400, "invalid_credential_request", Reason.PROOFS_SHAPE);
        assertRefused(credentialRequest(session, jwtProofs(proof, proof)), 400, "invalid_proof", Reason.PROOFS_MORE_THAN_ONE);
        assertRefused(credentialRequest(session, "{\"pad\": \"" + "x".repeat(70 * 1024) + "\"}"), 413,
                "invalid_credential_request", Reason.CREDENTIAL_REQUEST_TOO_LARGE);

        HttpResponse<String> issued = credentialRequest(session, jwtProofs(proof));
        assertEquals(200, issued.statusCode(), "the refusals used up neither the c_nonce nor the key attestation: " + issued.body());
        assertEquals(2, json(issued.body()).getJsonArray("credentials").size());
    }

    @Test
    void theCredentialEndpointRefusesForgedProofs() throws Exception {
        Session session = session();
        ReferenceWallet wallet = session.wallet();
        var keys = wallet.generateKeys(PIN, 2, "ts3", null);
        String ka = keys.keyAttestation();
        String nonce = cNonce();

        Map<String, Object> wrongType = proofHeader(ka);
        wrongType.put("typ", "JWT");
        assertRefused(credentialRequest(session, jwtProofs(wallet.signJws(PIN, keys.keys().get(0), wrongType,
                proofClaims(ISSUER, now(), nonce)))), 400, "invalid_proof", Reason.PROOF_TYPE);
        Map<String, Object> none = proofHeader(ka);
        none.put("alg", "none");
        assertRefused(credentialRequest(session, jwtProofs(unsigned(none, proofClaims(ISSUER, now(), nonce)) + ".")), 400,
                "invalid_proof", Reason.PROOF_ALGORITHM);
        Map<String, Object> hmac = proofHeader(ka);
        hmac.put("alg", "HS256");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(keys.keys().get(0).publicJwk().getPublicKey().getEncoded(), "HmacSHA256"));
        String hmacInput = unsigned(hmac, proofClaims(ISSUER, now(), nonce));
        assertRefused(credentialRequest(session, jwtProofs(hmacInput + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(hmacInput.getBytes(StandardCharsets.US_ASCII))))), 400, "invalid_proof", Reason.PROOF_ALGORITHM);
        Map<String, Object> noKa = proofHeader(ka);
        noKa.remove("key_attestation");
        assertRefused(credentialRequest(session, jwtProofs(wallet.signJws(PIN, keys.keys().get(0), noKa,
                proofClaims(ISSUER, now(), nonce)))), 400, "invalid_proof", Reason.PROOF_KEY_ATTESTATION_MISSING);
        assertRefused(credentialRequest(session, jwtProofs(wallet.signJws(PIN, keys.keys().get(1), proofHeader(ka),
                proofClaims(ISSUER, now(), nonce)))), 400, "invalid_proof", Reason.PROOF_SIGNATURE);
        assertRefused(credentialRequest(session, jwtProofs(wallet.signJws(PIN, keys.keys().get(0), proofHeader(ka),
                proofClaims("https://another-issuer.example", now(), nonce)))), 400, "invalid_proof", Reason.PROOF_AUDIENCE);
        assertRefused(credentialRequest(session, jwtProofs(wallet.signJws(PIN, keys.keys().get(0), proofHeader(ka),
                proofClaims(ISSUER, now() + 600, nonce)))), 400, "invalid_proof", Reason.PROOF_ISSUED_AT);
        assertRefused(credentialRequest(session, jwtProofs(wallet.signJws(PIN, keys.keys().get(0), proofHeader(ka),
                proofClaims(ISSUER, now(), null)))), 400, "invalid_proof", Reason.PROOF_NONCE_MISSING);
        assertRefused(credentialRequest(session, jwtProofs(wallet.signJws(PIN, keys.keys().get(0), proofHeader(ka),
                proofClaims(ISSUER, now(), "never-issued")))), 400, "invalid_nonce", Reason.NONCE_INVALID);
        assertEquals(200, credentialRequest(session, jwtProofs(wallet.signJws(PIN, keys.keys().get(0), proofHeader(ka),
                proofClaims(ISSUER, now(), nonce)))).statusCode());
        assertRefused(credentialRequest(session, jwtProofs(wallet.signJws(PIN, keys.keys().get(0), proofHeader(ka),
                proofClaims(ISSUER, now(), nonce)))), 400, "invalid_nonce", Reason.NONCE_INVALID);
    }

    @Test
    void anOpenId4VciProofNamingAKeyOutsideTheAttestationIsRefused() throws Exception {
        Session session = session();
        var keys = session.wallet().generateKeys(PIN, 1, "openid4vci", null);
        var other = session.wallet().generateKeys(PIN, 1, "openid4vci", null);
        Map<String, Object> header = proofHeader(keys.keyAttestation());
        header.put("jwk", other.keys().get(0).publicMembers());
        assertRefused(credentialRequest(session, jwtProofs(session.wallet().signJws(PIN, other.keys().get(0), header,
                proofClaims(ISSUER, now(), cNonce())))), 400, "invalid_proof", Reason.PROOF_KEY_NOT_ATTESTED);
    }

    @Test
    void aKeyAttestationIsUsedOnceEver() throws Exception {
        Session session = session();
        var keys = session.wallet().generateKeys(PIN, 1, "ts3", null);
        assertEquals(200, credentialRequest(session, jwtProofs(session.wallet().jwtProof(PIN, keys, ISSUER, cNonce()))).statusCode());
        assertRefused(credentialRequest(session, jwtProofs(session.wallet().jwtProof(PIN, keys, ISSUER, cNonce()))), 400,
                "invalid_proof", Reason.KEY_ATTESTATION_REPLAYED);
    }

    @Test
    void aRevokedKeyAttestationIsDenied() throws Exception {
        Session session = session();
        var keys = session.wallet().generateKeys(PIN, 1, "ts3", null);
        String proof = session.wallet().jwtProof(PIN, keys, ISSUER, cNonce());
        revoke(session.wallet().instanceId());
        assertRefused(credentialRequest(session, jwtProofs(proof)), 400, "credential_request_denied", Reason.KEY_ATTESTATION_REVOKED);
    }

    @Test
    void aKeyStorageBelowTheConfigurationsPolicyIsRefused() throws Exception {
        String basicCertification = "basic-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        boolean software = send("GET", "/health/ready", null, null, null).body().contains("\"softwareKeyStore\":\"true\"");
        assertEquals(201, send("POST", "/admin/v1/certifications", "certifier:certifier-test-pw", "application/json",
                Json.createObjectBuilder().add("id", basicCertification).add("wscd_backend", software ? "software" : "pkcs11")
                        .add("model", "test").add("scheme", "test").add("key_storage", "iso_18045_basic").add("user_authentication", "iso_18045_basic")
                        .add("certification_url", "https://certification.example.eu/" + basicCertification)
                        .add("valid_until", java.time.Instant.now().plusSeconds(86400).toString()).build().toString()).statusCode());
        HttpResponse<String> raised = send("PUT", "/admin/v1/credential-configurations/" + PID + "/key-attestation-policy",
                "administrator:admin-test-pw", "application/json", "{\"key_storage\": \"iso_18045_enhanced-basic\"}");
        assertEquals(200, raised.statusCode(), raised.body());
        try {
            Session session = session();
            var keys = session.wallet().generateKeys(PIN, 1, "ts3", null);
            HttpResponse<String> refused = credentialRequest(session, jwtProofs(session.wallet().jwtProof(PIN, keys, ISSUER, cNonce())));
            assertRefused(refused, 400, "invalid_proof", Reason.KEY_ATTESTATION_KEY_STORAGE);
            assertTrue(json(refused.body()).getString("error_description").contains("key_storage"), refused.body());
        } finally {
            send("PUT", "/admin/v1/credential-configurations/" + PID + "/key-attestation-policy", "administrator:admin-test-pw",
                    "application/json", "{\"key_storage\": \"iso_18045_basic\"}");
            send("POST", "/admin/v1/certifications/" + basicCertification + "/withdraw", "certifier:certifier-test-pw", "application/json", "");
        }
    }

    /** Key Attestations of the test's own Wallet Provider: the proof is signed by a key the test holds. */
    HttpResponse<String> requestWithMintedKa(Session session, TestWalletProvider provider, String typ, long exp) throws Exception {
        java.security.KeyPair holder = TestWalletProvider.key();
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(holder.getPublic());
        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put("iat", now() - 10);
        claims.put("exp", exp);
        claims.put("attested_keys", List.of(jwk.toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        claims.put("key_storage", List.of("iso_18045_high"));
        claims.put("user_authentication", List.of("iso_18045_high"));
        claims.put("certification", "https://certification.example.eu/test");
        claims.put("key_storage_status", Map.of("status", Map.of("status_list", Map.of("idx", 1, "uri", "http://localhost:1/none")), "exp", exp));
        String ka = provider.sign(typ, claims);
        org.jose4j.jws.JsonWebSignature proof = new org.jose4j.jws.JsonWebSignature();
        proof.setPayload(org.jose4j.json.JsonUtil.toJson(proofClaims(ISSUER, now(), cNonce())));
        proof.setHeader("typ", "openid4vci-proof+jwt");
        proof.getHeaders().setObjectHeaderValue("key_attestation", ka);
        proof.setAlgorithmHeaderValue("ES256");
        proof.setKey(holder.getPrivate());
        return credentialRequest(session, jwtProofs(proof.getCompactSerialization()));
    }

    @Test
    void keyAttestationsExpiredOfTheWrongTypeUntrustedOrWithdrawnAreRefused() throws Exception {
        Session session = session();
        TestWalletProvider untrusted = new TestWalletProvider("Untrusted WP " + now());
        assertRefused(requestWithMintedKa(session, untrusted, "keyattestation+jwt", now() + 86400), 400, "invalid_proof", Reason.KEY_ATTESTATION_CHAIN);

        TestWalletProvider listed = new TestWalletProvider("Listed WP " + now());
        HttpResponse<String> added = send("POST", "/admin/v1/trust/wallet-providers", "administrator:admin-test-pw", "application/json",
                Json.createObjectBuilder().add("identifier", "https://listed-" + now() + ".example").add("name", "Listed test WP")
                        .add("trust_anchors_pem", listed.caPem()).build().toString());
        assertEquals(201, added.statusCode(), added.body());
        assertRefused(requestWithMintedKa(session, listed, "keyattestation+jwt", now() - 3600), 400, "invalid_proof", Reason.KEY_ATTESTATION_EXPIRED);
        assertRefused(requestWithMintedKa(session, listed, "JWT", now() + 86400), 400, "invalid_proof", Reason.KEY_ATTESTATION_TYPE);

        HttpResponse<String> withdrawn = send("POST", "/admin/v1/trust/wallet-providers/" + json(added.body()).getString("id") + "/withdraw",
                "administrator:admin-test-pw", "application/json", "{\"reason\": \"test\"}");
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        assertRefused(requestWithMintedKa(session, listed, "keyattestation+jwt", now() + 86400), 400, "credential_request_denied", Reason.WALLET_PROVIDER_WITHDRAWN);
    }

    @Test
    void wiasThatExpiredComeFromAnUntrustedCaOrCarryAWrongPopTypeGetNoToken() throws Exception {
        JsonObject offer = offer();
        ReferenceWallet wallet = wallet();
        String form = form(offer, offer.getString("tx_code"));
        TestWalletProvider listed = new TestWalletProvider("WIA WP " + now());
        assertEquals(201, send("POST", "/admin/v1/trust/wallet-providers", "administrator:admin-test-pw", "application/json",
                Json.createObjectBuilder().add("identifier", "https://wia-" + now() + ".example").add("name", "WIA test WP")
                        .add("trust_anchors_pem", listed.caPem()).build().toString()).statusCode());
        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put("sub", "https://wia.example/solutions/test");
        claims.put("iat", now() - 7200);
        claims.put("exp", now() - 3600);
        claims.put("cnf", Map.of("jwk", wallet.instanceKey().toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        HttpResponse<String> expired = tokenRequest(form, listed.sign("oauth-client-attestation+jwt", claims), wallet.clientAttestationPop(ISSUER));
        assertRefused(expired, 401, "invalid_client", Reason.CLIENT_ATTESTATION_EXPIRED);
        assertTrue(json(expired.body()).getString("error_description").contains("expired"), expired.body());

        claims.put("exp", now() + 3600);
        TestWalletProvider unlisted = new TestWalletProvider("Unlisted WIA WP " + now());
        assertRefused(tokenRequest(form, unlisted.sign("oauth-client-attestation+jwt", claims), wallet.clientAttestationPop(ISSUER)), 401,
                "invalid_client", Reason.CLIENT_ATTESTATION_CHAIN);

        String pop = wallet.clientAttestationPop(ISSUER);
        String[] parts = pop.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String wrongPopType = b64.encodeToString(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                .replace("oauth-client-attestation-pop+jwt", "JWT").getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
        assertRefused(tokenRequest(form, wallet.walletInstanceAttestation(), wrongPopType), 401, "invalid_client", Reason.POP_TYPE);
        String truncated = wallet.walletInstanceAttestation();
        assertRefused(tokenRequest(form, truncated.substring(0, truncated.lastIndexOf('.')), wallet.clientAttestationPop(ISSUER)), 401,
                "invalid_client", Reason.CLIENT_ATTESTATION_MALFORMED);
        assertEquals(200, tokenRequest(form, wallet.walletInstanceAttestation(), wallet.clientAttestationPop(ISSUER)).statusCode());
    }

    @Test
    void aBatchPolicyChangeShowsInTheMetadataAtOnceAndOutOfRangeSizesAreRefused() throws Exception {
        String path = "/admin/v1/credential-configurations/" + PID + "/batch-policy";
        assertEquals(400, send("PUT", path, "administrator:admin-test-pw", "application/json", "{\"batch_size\": 0}").statusCode());
        assertEquals(400, send("PUT", path, "administrator:admin-test-pw", "application/json", "{\"batch_size\": 101}").statusCode());
        assertEquals(403, send("PUT", path, "issuer-operator:operator-test-pw", "application/json", "{\"batch_size\": 4}").statusCode());
        assertEquals(200, send("PUT", path, "administrator:admin-test-pw", "application/json", "{\"batch_size\": 4}").statusCode());
        try {
            JsonObject metadata = json(send("GET", "/.well-known/openid-credential-issuer", null, null, null).body());
            // per configuration; batch_credential_issuance is issuer-wide (the largest over all configurations)
            assertEquals(4, metadata.getJsonObject("credential_configurations_supported").getJsonObject(PID).getJsonObject("credential_metadata")
                    .getJsonObject("credential_reuse_policy").getJsonArray("options").getJsonObject(0).getInt("batch_size"));
        } finally {
            assertEquals(200, send("PUT", path, "administrator:admin-test-pw", "application/json", "{\"batch_size\": 10}").statusCode());
        }
    }

    @Test
    void offersRefuseUnknownAttributesMissingMandatoryOnesAndOtherRoles() throws Exception {
        assertRefused(send("POST", "/issuer/v1/offers", "issuer-operator:operator-test-pw", "application/json",
                "{\"credential_configuration_id\": \"" + PID + "\", \"subject\": {\"family_name\": \"X\"}}"), 400, "invalid_request", Reason.OFFER_MALFORMED);
        assertRefused(send("POST", "/issuer/v1/offers", "issuer-operator:operator-test-pw", "application/json",
                "{\"credential_configuration_id\": \"" + PID + "\", \"subject\": " + SUBJECT.replace("\"family_name\"", "\"surname\"") + "}"),
                400, "invalid_request", Reason.OFFER_MALFORMED);
        assertRefused(send("POST", "/issuer/v1/offers", "issuer-operator:operator-test-pw", "application/json",
                "{\"credential_configuration_id\": \"mdl\", \"subject\": " + SUBJECT + "}"), 400, "unknown_credential_configuration", Reason.OFFER_UNKNOWN_CONFIGURATION);
        assertEquals(403, send("POST", "/issuer/v1/offers", "administrator:admin-test-pw", "application/json",
                "{\"credential_configuration_id\": \"" + PID + "\", \"subject\": " + SUBJECT + "}").statusCode());
        HttpResponse<String> anonymous = send("POST", "/issuer/v1/offers", null, "application/json",
                "{\"credential_configuration_id\": \"" + PID + "\", \"subject\": " + SUBJECT + "}");
        assertRefused(anonymous, 401, "unauthorized");
    }
}
