package eu.wua.walletprovider;

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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.HeaderParameterNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.audit.RecordedRejections;
import eu.wua.walletprovider.WalletProviderRejection.Reason;

/**
 * The Wallet Provider over real HTTP, as a wallet uses it: nonce, registration, WIA; and every
 * malformed, replayed, expired or forged request it must refuse with its code.
 */
@ExtendWith(ArquillianExtension.class)
class WalletProviderIT {

    /** The identifier the suite's platform has (wua.public-base-url in arquillian.xml). */
    static final String WALLET_PROVIDER = "http://localhost:" + System.getProperty("it.port", "8887") + "/wallet-provider";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Deployment
    static WebArchive packagedPlatform() {
        // the in-container test resolves this class of the test's own, so it travels with the test
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")))
                .addClass(AndroidAttestationChains.class);
    }

    @ArquillianResource
    URL deployment;

    // --- a wallet instance, as the reference wallet will play it ---------------------------------

    static KeyPair newKey(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    static String publicJwk(KeyPair key) throws Exception {
        return PublicJsonWebKey.Factory.newPublicJwk(key.getPublic()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** When the last request was sent: its refusal is the newest audit event since. */
    private Instant sentAt = Instant.EPOCH;

    private HttpResponse<String> post(String path, String body) throws Exception {
        sentAt = Instant.now();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + deployment.getPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private String nonce() throws Exception {
        HttpResponse<String> response = post("/wallet-provider/v1/nonce", "");
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body()).getString("nonce");
    }

    private String register(KeyPair instanceKey) throws Exception {
        HttpResponse<String> response = post("/wallet-provider/v1/instances",
                "{\"instance_key\": " + publicJwk(instanceKey) + ", \"integrity\": {\"type\": \"development\"}, \"pin\": \"123456\"}");
        assertEquals(201, response.statusCode(), response.body());
        return json(response.body()).getString("instance_id");
    }

    static String proof(KeyPair signer, String typ, String algorithm, String audience, Instant issuedAt, String jti, String nonce)
            throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setAudience(audience);
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        if (jti != null) {
            claims.setJwtId(jti);
        }
        if (nonce != null) {
            claims.setStringClaim("nonce", nonce);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setHeader(HeaderParameterNames.TYPE, typ);
        jws.setAlgorithmHeaderValue(algorithm);
        if (AlgorithmIdentifiers.NONE.equals(algorithm)) {
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        } else {
            jws.setKey(signer.getPrivate());
        }
        return jws.getCompactSerialization();
    }

    private String validProof(KeyPair instanceKey) throws Exception {
        return proof(instanceKey, "wallet-instance-proof+jwt", "ES256", WALLET_PROVIDER, Instant.now(), UUID.randomUUID().toString(), nonce());
    }

    private HttpResponse<String> requestWia(String instanceId, String proof) throws Exception {
        return post("/wallet-provider/v1/instances/" + instanceId + "/wia", Json.createObjectBuilder().add("proof", proof).build().toString());
    }

    /** The refusal on the wire, and the reason the audit trail recorded for it. */
    private void assertRefused(HttpResponse<String> response, int status, String error, Reason reason) throws Exception {
        assertRefused(response, status, error);
        assertEquals(reason.name(), RecordedRejections.newestReason(URI.create("http://localhost:" + deployment.getPort()), sentAt),
                response.body());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject body = json(response.body());
        assertEquals(error, body.getString("error"), response.body());
        assertFalse(body.getString("error_description").isBlank());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    private X509Certificate walletProviderCa() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + deployment.getPort()
                        + "/admin/v1/platform-keys/wallet-provider-ca/certificate-chain"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("administrator:admin-test-pw".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(response.body().getBytes(StandardCharsets.US_ASCII)));
    }

    // --- the happy path -----------------------------------------------------------------------------

    @Test
    @RunAsClient
    void theNonceIsFreshAndNotCached() throws Exception {
        HttpResponse<String> response = post("/wallet-provider/v1/nonce", "");
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(json(response.body()).getString("nonce").length() >= 32);
        assertFalse(json(response.body()).getString("nonce").equals(nonce()));
    }

    @Test
    @RunAsClient
    void aRegisteredInstanceGetsAWiaThatVerifiesWithTheWalletProviderCaAlone() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        String instanceId = register(instanceKey);

        HttpResponse<String> response = requestWia(instanceId, validProof(instanceKey));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        String wia = json(response.body()).getString("wallet_instance_attestation");

        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(wia);
        List<X509Certificate> x5c = jws.getCertificateChainHeaderValue();
        assertEquals(1, x5c.size(), "x5c holds the signing certificate, not the trust anchor");
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(walletProviderCa(), null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(x5c), pkix);

        JwtClaims claims = new JwtConsumerBuilder()
                .setExpectedType(true, "oauth-client-attestation+jwt")
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256")
                .setVerificationKey(x5c.get(0).getPublicKey())
                .setRequireExpirationTime().setRequireSubject().setSkipDefaultAudienceValidation()
                .build().processToClaims(wia);

        Map<String, Object> cnf = claims.getClaimValue("cnf", Map.class);
        assertEquals(PublicJsonWebKey.Factory.newPublicJwk(publicJwk(instanceKey)).calculateBase64urlEncodedThumbprint("SHA-256"),
                PublicJsonWebKey.Factory.newPublicJwk((Map<String, Object>) cnf.get("jwk")).calculateBase64urlEncodedThumbprint("SHA-256"));
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertTrue(lifetime > 0 && lifetime < 24 * 3600, "a WIA lives less than 24 h: " + lifetime);
        assertEquals(WALLET_PROVIDER + "/solutions/wua-reference-wallet", claims.getSubject());
        assertEquals("wua-reference-wallet", claims.getStringClaimValue("wallet_name"));
        assertFalse(claims.getStringClaimValue("wallet_version").isBlank());
        assertFalse(claims.getStringClaimValue("wallet_solution_certification_information").isBlank());
        Map<String, Object> clientStatus = claims.getClaimValue("client_status", Map.class);
        Map<String, Object> statusList = (Map<String, Object>) ((Map<String, Object>) clientStatus.get("status")).get("status_list");
        assertTrue(((Number) statusList.get("idx")).intValue() >= 0);
        assertTrue(((String) statusList.get("uri")).startsWith(WALLET_PROVIDER + "/v1/status-lists/wia-"));
        assertTrue(((Number) clientStatus.get("exp")).longValue() - claims.getIssuedAt().getValue() >= 31L * 24 * 3600,
                "the status entry is maintained at least 31 days");
    }

    private HttpResponse<String> requestWia(String instanceId, String proof, String audience) throws Exception {
        return post("/wallet-provider/v1/instances/" + instanceId + "/wia", Json.createObjectBuilder().add("proof", proof)
                .add("audience", audience).build().toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> wiaStatus(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        JwtClaims claims = JwtClaims.parse(new String(java.util.Base64.getUrlDecoder().decode(json(response.body())
                .getString("wallet_instance_attestation").split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8));
        return (Map<String, Object>) ((Map<String, Object>) claims.getClaimValue("client_status", Map.class).get("status")).get("status_list");
    }

    /**
     * TS3 §2.5.1, per-issuer reuse: the WIAs of one instance for one Credential Issuer carry one status entry (a daily WIA
     * takes none of its own); for another issuer, or none named, each WIA gets a fresh one, so issuers cannot link a wallet
     * unit by its index; revoking the instance flips each of its entries once.
     */
    @Test
    @RunAsClient
    void theWiasOfOneInstanceForOneIssuerShareOneStatusEntryAndNoOtherIssuerSeesIt() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        String instanceId = register(instanceKey);
        String issuer = "https://pid-issuer.example/issuer";
        Map<String, Object> first = wiaStatus(requestWia(instanceId, validProof(instanceKey), issuer));
        Map<String, Object> second = wiaStatus(requestWia(instanceId, validProof(instanceKey), issuer));
        assertEquals(first, second, "one entry for one instance and one issuer");
        Map<String, Object> otherIssuer = wiaStatus(requestWia(instanceId, validProof(instanceKey), "https://qeaa-provider.example"));
        assertFalse(first.equals(otherIssuer), "another issuer gets another entry");
        Map<String, Object> unnamed = wiaStatus(requestWia(instanceId, validProof(instanceKey)));
        Map<String, Object> unnamedAgain = wiaStatus(requestWia(instanceId, validProof(instanceKey)));
        assertFalse(unnamed.equals(unnamedAgain) || unnamed.equals(first), "no issuer named: a fresh entry each time");

        KeyPair otherInstance = newKey("secp256r1");
        assertFalse(first.equals(wiaStatus(requestWia(register(otherInstance), validProof(otherInstance), issuer))),
                "another instance for the same issuer gets its own entry");

        HttpResponse<String> revoked = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + deployment.getPort()
                + "/admin/v1/wallet-instances/" + instanceId + "/revoke")).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("administrator:admin-test-pw".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"test\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals(4, json(revoked.body()).getInt("attestations_revoked"), "two issuers' entries and two fresh ones, each once: "
                + revoked.body());
    }

    @Test
    @RunAsClient
    void anAudienceThatIsNoIssuerIdentifierIsRefused() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        String instanceId = register(instanceKey);
        for (String audience : List.of("not a url", "ftp://issuer.example", "/relative", "https://" + "a".repeat(600) + ".example",
                "https://issuer.example/\tx")) {
            assertRefused(requestWia(instanceId, validProof(instanceKey), audience), 400, "invalid_request", Reason.INVALID_AUDIENCE);
        }
    }

    @jakarta.inject.Inject
    eu.wua.audit.AuditTrail auditTrail;

    @Test
    void registrationsWiasAndRejectionsAreAuditedWithoutThePin() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        String id = register(instanceKey);
        assertEquals(200, requestWia(id, validProof(instanceKey)).statusCode());
        assertEquals(401, requestWia(id, proof(newKey("secp256r1"), "wallet-instance-proof+jwt", "ES256", WALLET_PROVIDER,
                Instant.now(), UUID.randomUUID().toString(), nonce())).statusCode());

        List<eu.wua.audit.AuditEvent> events = auditTrail.eventsAbout(id);

        assertEquals(List.of("wallet_instance.registered:SUCCESS", "wia.issued:SUCCESS", "wia.issuance:REJECTED"),
                events.stream().map(e -> e.getType() + ":" + e.getOutcome()).toList());
        assertTrue(events.get(2).getDetails().contains("PROOF_SIGNATURE"), events.get(2).getDetails());
        assertTrue(events.get(2).getDetails().contains("invalid_proof"), events.get(2).getDetails());
        for (eu.wua.audit.AuditEvent event : events) {
            assertFalse(event.getDetails().contains("123456"), "no PIN in the audit trail: " + event.getDetails());
        }
    }

    // --- remote WSCD keys, Key Attestations, signatures ----------------------------------------------

    private HttpResponse<String> requestKeys(String id, KeyPair instanceKey, String pin, int count, String profile, String issuerNonce)
            throws Exception {
        var body = Json.createObjectBuilder().add("proof", validProof(instanceKey)).add("pin", pin).add("count", count).add("profile", profile);
        if (issuerNonce != null) {
            body.add("nonce", issuerNonce);
        }
        return post("/wallet-provider/v1/instances/" + id + "/keys", body.build().toString());
    }

    private HttpResponse<String> requestSignature(String id, String kid, KeyPair instanceKey, String pin, String signingInput) throws Exception {
        return post("/wallet-provider/v1/instances/" + id + "/keys/" + kid + "/sign", Json.createObjectBuilder()
                .add("proof", validProof(instanceKey)).add("pin", pin).add("signing_input", signingInput).build().toString());
    }

    /** The KA's claims, once its x5c reaches the Wallet Provider CA and its signature verifies. */
    private JwtClaims verifiedKeyAttestation(String ka, String expectedType) throws Exception {
        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(ka);
        List<X509Certificate> x5c = jws.getCertificateChainHeaderValue();
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(walletProviderCa(), null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(x5c), pkix);
        return new JwtConsumerBuilder().setExpectedType(true, expectedType)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256")
                .setVerificationKey(x5c.get(0).getPublicKey()).setRequireIssuedAt().setRequireExpirationTime()
                .setSkipDefaultAudienceValidation().build().processToClaims(ka);
    }

    private String expectedKeyStorage() throws Exception {
        String health = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + deployment.getPort() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // the software key store is never attested as high (issue #4); an HSM gets the configured level
        return health.contains("\"softwareKeyStore\":\"true\"") ? "iso_18045_basic" : "iso_18045_high";
    }

    @Test
    @RunAsClient
    void keysComeWithAnOpenId4VciKeyAttestationOverAllOfThem() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        String id = register(instanceKey);

        HttpResponse<String> response = requestKeys(id, instanceKey, "123456", 3, "openid4vci", "issuer-c-nonce");

        assertEquals(201, response.statusCode(), response.body());
        JsonObject body = json(response.body());
        JwtClaims ka = verifiedKeyAttestation(body.getString("key_attestation"), "key-attestation+jwt");
        List<Map<String, Object>> attested = (List<Map<String, Object>>) ka.getClaimValue("attested_keys");
        assertEquals(3, attested.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(PublicJsonWebKey.Factory.newPublicJwk(body.getJsonArray("keys").getJsonObject(i).getJsonObject("jwk").toString())
                    .calculateBase64urlEncodedThumbprint("SHA-256"),
                    PublicJsonWebKey.Factory.newPublicJwk(attested.get(i)).calculateBase64urlEncodedThumbprint("SHA-256"));
        }
        assertEquals(List.of(expectedKeyStorage()), ka.getStringListClaimValue("key_storage"));
        assertEquals(List.of(expectedKeyStorage()), ka.getStringListClaimValue("user_authentication"));
        assertEquals("issuer-c-nonce", ka.getStringClaimValue("nonce"));
        assertFalse(ka.hasClaim("iss"), "the signer is the x5c leaf, not iss");
        assertTrue(ka.getExpirationTime().getValue() - ka.getIssuedAt().getValue() >= 30L * 24 * 3600, "valid at least a month");
        Map<String, Object> status = (Map<String, Object>) ka.getClaimValue("status");
        assertTrue(((String) ((Map<String, Object>) status.get("status_list")).get("uri")).contains("/status-lists/ka-"));
    }

    @Test
    @RunAsClient
    void theTs3ProfileCarriesKeyStorageStatusAndCertificationAndEachKaHasItsOwnIndex() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        String id = register(instanceKey);

        JwtClaims first = verifiedKeyAttestation(json(requestKeys(id, instanceKey, "123456", 1, "ts3", null).body())
                .getString("key_attestation"), "keyattestation+jwt");
        JwtClaims second = verifiedKeyAttestation(json(requestKeys(id, instanceKey, "123456", 2, "ts3", null).body())
                .getString("key_attestation"), "keyattestation+jwt");

        assertFalse(first.hasClaim("status"), "TS3 moves the status into key_storage_status");
        assertFalse(first.hasClaim("nonce"));
        assertFalse(first.getStringClaimValue("certification").isBlank());
        Map<String, Object> storageStatus = (Map<String, Object>) first.getClaimValue("key_storage_status");
        assertTrue(((Number) storageStatus.get("exp")).longValue() > first.getExpirationTime().getValue());
        Object firstIndex = ((Map<String, Object>) ((Map<String, Object>) storageStatus.get("status")).get("status_list")).get("idx");
        Object secondIndex = ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) second.getClaimValue("key_storage_status"))
                .get("status")).get("status_list")).get("idx");
        assertFalse(firstIndex.equals(secondIndex), "one status index per KA (TS3 2.5.2 option 2)");
    }

    @Test
    @RunAsClient
    void theWscdSignsAJwsSigningInputWithTheAttestedKey() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        String id = register(instanceKey);
        JsonObject key = json(requestKeys(id, instanceKey, "123456", 1, "openid4vci", null).body()).getJsonArray("keys").getJsonObject(0);
        String signingInput = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"ES256\",\"typ\":\"openid4vci-proof+jwt\"}".getBytes(StandardCharsets.UTF_8))
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"aud\":\"https://issuer.example\"}".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = requestSignature(id, key.getString("kid"), instanceKey, "123456", signingInput);

        assertEquals(200, response.statusCode(), response.body());
        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(signingInput + "." + json(response.body()).getString("signature"));
        jws.setKey(PublicJsonWebKey.Factory.newPublicJwk(key.getJsonObject("jwk").toString()).getPublicKey());
        assertTrue(jws.verifySignature());

        assertRefused(requestSignature(id, key.getString("kid"), instanceKey, "123456", "not-a-signing-input"), 400, "invalid_request", Reason.INVALID_SIGNING_INPUT);
        KeyPair other = newKey("secp256r1");
        String otherId = register(other);
        assertRefused(requestSignature(otherId, key.getString("kid"), other, "123456", signingInput), 404, "unknown_key", Reason.UNKNOWN_KEY);
    }

    @Test
    @RunAsClient
    void wrongPinsCountDownAndTheFifthLocksTheKeysEvenForTheRightPin() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        String id = register(instanceKey);

        HttpResponse<String> first = requestKeys(id, instanceKey, "999999", 1, "openid4vci", null);
        assertRefused(first, 401, "invalid_pin", Reason.WRONG_PIN);
        assertTrue(json(first.body()).getString("error_description").contains("4 tries left"), first.body());
        for (int i = 0; i < 3; i++) {
            assertRefused(requestKeys(id, instanceKey, "999999", 1, "openid4vci", null), 401, "invalid_pin", Reason.WRONG_PIN);
        }
        assertRefused(requestKeys(id, instanceKey, "999999", 1, "openid4vci", null), 403, "wscd_locked", Reason.PIN_LOCKED);
        assertRefused(requestKeys(id, instanceKey, "123456", 1, "openid4vci", null), 403, "wscd_locked", Reason.PIN_LOCKED);
    }

    @Test
    @RunAsClient
    void aCountOutsideOneToTheMaximumOrAnUnknownProfileIsRefused() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        String id = register(instanceKey);
        assertRefused(requestKeys(id, instanceKey, "123456", 0, "openid4vci", null), 400, "invalid_request", Reason.INVALID_COUNT);
        assertRefused(requestKeys(id, instanceKey, "123456", 33, "openid4vci", null), 400, "invalid_request", Reason.INVALID_COUNT);
        assertRefused(requestKeys(id, instanceKey, "123456", 1, "mdoc", null), 400, "invalid_request", Reason.UNKNOWN_PROFILE);
        assertEquals(201, requestKeys(id, instanceKey, "123456", 32, "openid4vci", null).statusCode(), "32 is the default maximum");
    }

    // --- the certification registry -----------------------------------------------------------------

    private HttpResponse<String> admin(String credentials, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + deployment.getPort() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String certification(String id, String backend, String level, String url) {
        return Json.createObjectBuilder().add("id", id).add("wscd_backend", backend).add("model", "Test HSM 9000")
                .add("scheme", "EUCC").add("key_storage", level).add("user_authentication", level).add("certification_url", url)
                .add("valid_until", Instant.now().plusSeconds(86400 * 400).toString()).build().toString();
    }

    @Test
    @RunAsClient
    void aKaNamesTheNewestCertificationAndWithdrawingItRevokesThatKa() throws Exception {
        String level = expectedKeyStorage();
        String backend = "iso_18045_basic".equals(level) ? "software" : "pkcs11";
        String id = "test-" + UUID.randomUUID().toString().substring(0, 8);
        String url = "https://certification.example.eu/" + id;
        HttpResponse<String> recorded = admin("certifier:certifier-test-pw", "/admin/v1/certifications", certification(id, backend, level, url));
        assertEquals(201, recorded.statusCode(), recorded.body());
        try {
            KeyPair instanceKey = newKey("secp256r1");
            String instance = register(instanceKey);
            JwtClaims ka = verifiedKeyAttestation(json(requestKeys(instance, instanceKey, "123456", 1, "ts3", null).body())
                    .getString("key_attestation"), "keyattestation+jwt");
            assertEquals(url, ka.getStringClaimValue("certification"));
        } finally {
            HttpResponse<String> withdrawn = admin("certifier:certifier-test-pw", "/admin/v1/certifications/" + id + "/withdraw",
                    "{\"reason\": \"vulnerability in the model\"}");
            assertEquals(200, withdrawn.statusCode(), withdrawn.body());
            assertEquals(1, json(withdrawn.body()).getInt("key_attestations_revoked"), withdrawn.body());
        }
        KeyPair later = newKey("secp256r1");
        JwtClaims afterwards = verifiedKeyAttestation(json(requestKeys(register(later), later, "123456", 1, "ts3", null).body())
                .getString("key_attestation"), "keyattestation+jwt");
        assertFalse(url.equals(afterwards.getStringClaimValue("certification")), "a withdrawn certification is never named again");
    }

    @Test
    @RunAsClient
    void theRegistryRefusesASoftwareStoreAtHighABadUrlADuplicateAndAnyoneButACertifier() throws Exception {
        String certifier = "certifier:certifier-test-pw";
        assertRefused(admin(certifier, "/admin/v1/certifications", certification("sw-high", "software", "iso_18045_high",
                "https://c.example/x")), 400, "invalid_request");
        assertRefused(admin(certifier, "/admin/v1/certifications", certification("bad-url", "pkcs11", "iso_18045_high",
                "ftp://c.example/x")), 400, "invalid_request");
        assertRefused(admin(certifier, "/admin/v1/certifications", certification("bad-level", "pkcs11", "iso_18045_ultra",
                "https://c.example/x")), 400, "invalid_request");
        assertRefused(admin(certifier, "/admin/v1/certifications", "{not json"), 400, "invalid_request");
        assertRefused(admin(certifier, "/admin/v1/certifications", certification("demo-pkcs11-hsm", "pkcs11", "iso_18045_high",
                "https://c.example/x")), 409, "invalid_request");
        assertEquals(403, admin("administrator:admin-test-pw", "/admin/v1/certifications", certification("by-admin", "pkcs11",
                "iso_18045_high", "https://c.example/x")).statusCode());
        assertRefused(admin(certifier, "/admin/v1/certifications/no-such/withdraw", ""), 404, "unknown_certification");
    }

    // --- malformed and oversized --------------------------------------------------------------------

    @Test
    @RunAsClient
    void malformedJsonAndMissingMembersAreInvalidRequests() throws Exception {
        assertRefused(post("/wallet-provider/v1/instances", "{not json"), 400, "invalid_request", Reason.MALFORMED_REQUEST);
        assertRefused(post("/wallet-provider/v1/instances", "[1, 2]"), 400, "invalid_request", Reason.MALFORMED_REQUEST);
        assertRefused(post("/wallet-provider/v1/instances", "{\"instance_key\": " + publicJwk(newKey("secp256r1"))
                + ", \"integrity\": {\"type\": \"development\"}}"), 400, "invalid_request", Reason.MALFORMED_REQUEST);
        assertRefused(post("/wallet-provider/v1/instances/" + UUID.randomUUID() + "/wia", "{}"), 400, "invalid_request", Reason.MALFORMED_REQUEST);
    }

    @Test
    @RunAsClient
    void aBodyOver64KibIsRefusedWith413() throws Exception {
        assertRefused(post("/wallet-provider/v1/instances", "{\"pad\": \"" + "x".repeat(70 * 1024) + "\"}"), 413, "invalid_request", Reason.REQUEST_TOO_LARGE);
    }

    @Test
    @RunAsClient
    void registrationRefusesBadKeysPinsAndIntegrity() throws Exception {
        String p256 = publicJwk(newKey("secp256r1"));
        assertRefused(post("/wallet-provider/v1/instances", "{\"instance_key\": " + publicJwk(newKey("secp384r1"))
                + ", \"integrity\": {\"type\": \"development\"}, \"pin\": \"123456\"}"), 400, "invalid_request", Reason.INVALID_INSTANCE_KEY);
        String withPrivate = PublicJsonWebKey.Factory.newPublicJwk(newKey("secp256r1").getPublic()).toJson();
        KeyPair pair = newKey("secp256r1");
        PublicJsonWebKey full = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
        full.setPrivateKey(pair.getPrivate());
        assertRefused(post("/wallet-provider/v1/instances", "{\"instance_key\": " + full.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)
                + ", \"integrity\": {\"type\": \"development\"}, \"pin\": \"123456\"}"), 400, "invalid_request", Reason.INVALID_INSTANCE_KEY);
        assertRefused(post("/wallet-provider/v1/instances", "{\"instance_key\": " + p256
                + ", \"integrity\": {\"type\": \"development\"}, \"pin\": \"12a45\"}"), 400, "invalid_request", Reason.INVALID_PIN_FORMAT);
        assertRefused(post("/wallet-provider/v1/instances", "{\"instance_key\": " + withPrivate
                + ", \"integrity\": {\"type\": \"android-key-attestation\", \"certificate_chain\": []}, \"pin\": \"123456\"}"),
                400, "integrity_not_accepted", Reason.INTEGRITY_MALFORMED);
        assertRefused(post("/wallet-provider/v1/instances", "{\"instance_key\": " + withPrivate
                + ", \"integrity\": {\"type\": \"something-else\"}, \"pin\": \"123456\"}"), 400, "integrity_not_accepted", Reason.INTEGRITY_NOT_ACCEPTED);
    }

    /** Device chains under the test root the suite configures (wua.android.attestation-roots). */
    private static AndroidAttestationChains configuredRoot() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(WalletProviderIT.class.getResource("/android-attestation/test-root.pem").toURI()).getParent();
        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(java.nio.file.Files.newInputStream(dir.resolve("test-root.pem")));
        String pem = java.nio.file.Files.readString(dir.resolve("test-root-key.pem")).replaceAll("-----[A-Z ]+-----|\\s", "");
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        return new AndroidAttestationChains(Instant.now(), new KeyPair(root.getPublicKey(), key), root);
    }

    private HttpResponse<String> registerWithAndroidEvidence(KeyPair instanceKey, List<X509Certificate> chain) throws Exception {
        var certificates = Json.createArrayBuilder();
        for (X509Certificate certificate : chain) {
            certificates.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
        }
        return post("/wallet-provider/v1/instances", Json.createObjectBuilder()
                .add("instance_key", Json.createReader(new StringReader(publicJwk(instanceKey))).readObject())
                .add("integrity", Json.createObjectBuilder().add("type", "android-key-attestation").add("certificate_chain", certificates))
                .add("pin", "246810").build().toString());
    }

    @Test
    @RunAsClient
    void androidKeyAttestationFromATeeWithAPlatformNonceRegistersOnce() throws Exception {
        AndroidAttestationChains device = configuredRoot();
        KeyPair instanceKey = newKey("secp256r1");
        String challenge = nonce();

        HttpResponse<String> registered = registerWithAndroidEvidence(instanceKey,
                device.chain(instanceKey.getPublic(), challenge, AndroidKeyAttestationVerifier.TRUSTED_ENVIRONMENT,
                        AndroidKeyAttestationVerifier.TRUSTED_ENVIRONMENT).subList(0, 2));
        assertEquals(201, registered.statusCode(), registered.body());

        KeyPair second = newKey("secp256r1");
        assertRefused(registerWithAndroidEvidence(second, device.chain(second.getPublic(), challenge,
                AndroidKeyAttestationVerifier.TRUSTED_ENVIRONMENT, AndroidKeyAttestationVerifier.TRUSTED_ENVIRONMENT)),
                400, "integrity_not_accepted", Reason.INTEGRITY_CHALLENGE);
    }

    @Test
    @RunAsClient
    void androidEvidenceWithAWrongChallengeASoftwareLevelOrAnotherRootIsRefused() throws Exception {
        AndroidAttestationChains device = configuredRoot();
        int tee = AndroidKeyAttestationVerifier.TRUSTED_ENVIRONMENT;
        KeyPair instanceKey = newKey("secp256r1");

        assertRefused(registerWithAndroidEvidence(instanceKey, device.chain(instanceKey.getPublic(), "never-issued", tee, tee)),
                400, "integrity_not_accepted", Reason.INTEGRITY_CHALLENGE);
        assertRefused(registerWithAndroidEvidence(instanceKey, device.chain(instanceKey.getPublic(), nonce(),
                AndroidKeyAttestationVerifier.SOFTWARE, AndroidKeyAttestationVerifier.SOFTWARE)), 400, "integrity_not_accepted", Reason.INTEGRITY_SECURITY_LEVEL);
        assertRefused(registerWithAndroidEvidence(instanceKey, new AndroidAttestationChains(Instant.now())
                .chain(instanceKey.getPublic(), nonce(), tee, tee)), 400, "integrity_not_accepted", Reason.INTEGRITY_CHAIN_UNTRUSTED);
        assertRefused(registerWithAndroidEvidence(instanceKey, device.chain(newKey("secp256r1").getPublic(), nonce(), tee, tee)),
                400, "integrity_not_accepted", Reason.INTEGRITY_KEY_MISMATCH);
    }

    @Test
    @RunAsClient
    void anInstanceKeyRegistersOnlyOnce() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        register(instanceKey);
        assertRefused(post("/wallet-provider/v1/instances", "{\"instance_key\": " + publicJwk(instanceKey)
                + ", \"integrity\": {\"type\": \"development\"}, \"pin\": \"654321\"}"), 400, "invalid_request", Reason.INVALID_INSTANCE_KEY);
    }

    // --- forged, replayed, expired -------------------------------------------------------------------

    @Test
    @RunAsClient
    void anUnknownInstanceIs404() throws Exception {
        KeyPair key = newKey("secp256r1");
        assertRefused(requestWia(UUID.randomUUID().toString(), validProof(key)), 404, "unknown_instance", Reason.UNKNOWN_INSTANCE);
    }

    @Test
    @RunAsClient
    void forgedProofsAreInvalidProofs() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        String id = register(instanceKey);
        String typ = "wallet-instance-proof+jwt";

        assertRefused(requestWia(id, proof(instanceKey, typ, "none", WALLET_PROVIDER, Instant.now(), UUID.randomUUID().toString(), nonce())),
                401, "invalid_proof", Reason.PROOF_ALGORITHM);
        assertRefused(requestWia(id, proof(newKey("secp256r1"), typ, "ES256", WALLET_PROVIDER, Instant.now(), UUID.randomUUID().toString(), nonce())),
                401, "invalid_proof", Reason.PROOF_SIGNATURE);
        assertRefused(requestWia(id, proof(instanceKey, "JWT", "ES256", WALLET_PROVIDER, Instant.now(), UUID.randomUUID().toString(), nonce())),
                401, "invalid_proof", Reason.PROOF_TYPE);
        assertRefused(requestWia(id, proof(instanceKey, typ, "ES256", "https://other.example", Instant.now(), UUID.randomUUID().toString(), nonce())),
                401, "invalid_proof", Reason.PROOF_AUDIENCE);
        assertRefused(requestWia(id, proof(instanceKey, typ, "ES256", WALLET_PROVIDER, Instant.now(), null, nonce())), 401, "invalid_proof", Reason.PROOF_JTI_MISSING);
        assertRefused(requestWia(id, proof(instanceKey, typ, "ES256", WALLET_PROVIDER, Instant.now(), UUID.randomUUID().toString(), null)),
                401, "invalid_proof", Reason.PROOF_NONCE_UNKNOWN_USED_OR_EXPIRED);
        assertRefused(requestWia(id, "not.a-jws"), 401, "invalid_proof", Reason.PROOF_MALFORMED);
    }

    @Test
    @RunAsClient
    void anExpiredProofIsRefused() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        String id = register(instanceKey);
        assertRefused(requestWia(id, proof(instanceKey, "wallet-instance-proof+jwt", "ES256", WALLET_PROVIDER,
                Instant.now().minusSeconds(300), UUID.randomUUID().toString(), nonce())), 401, "invalid_proof", Reason.PROOF_ISSUED_AT);
        assertRefused(requestWia(id, proof(instanceKey, "wallet-instance-proof+jwt", "ES256", WALLET_PROVIDER,
                Instant.now().plusSeconds(300), UUID.randomUUID().toString(), nonce())), 401, "invalid_proof", Reason.PROOF_ISSUED_AT);
    }

    @Test
    @RunAsClient
    void aReplayedNonceAndAReplayedJtiAreRefused() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        String id = register(instanceKey);
        String nonce = nonce();
        String jti = UUID.randomUUID().toString();
        assertEquals(200, requestWia(id, proof(instanceKey, "wallet-instance-proof+jwt", "ES256", WALLET_PROVIDER, Instant.now(), jti, nonce))
                .statusCode());

        assertRefused(requestWia(id, proof(instanceKey, "wallet-instance-proof+jwt", "ES256", WALLET_PROVIDER, Instant.now(),
                UUID.randomUUID().toString(), nonce)), 401, "invalid_proof", Reason.PROOF_NONCE_UNKNOWN_USED_OR_EXPIRED);
        assertRefused(requestWia(id, proof(instanceKey, "wallet-instance-proof+jwt", "ES256", WALLET_PROVIDER, Instant.now(),
                jti, nonce())), 401, "invalid_proof", Reason.PROOF_JTI_REPLAYED);
        assertRefused(requestWia(id, proof(instanceKey, "wallet-instance-proof+jwt", "ES256", WALLET_PROVIDER, Instant.now(),
                UUID.randomUUID().toString(), "never-issued")), 401, "invalid_proof", Reason.PROOF_NONCE_UNKNOWN_USED_OR_EXPIRED);
    }

    @Test
    @RunAsClient
    void requestsRacingWithOneNonceGetExactlyOneWia() throws Exception {
        KeyPair instanceKey = newKey("secp256r1");
        String id = register(instanceKey);
        String nonce = nonce();
        List<Callable<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String proof = proof(instanceKey, "wallet-instance-proof+jwt", "ES256", WALLET_PROVIDER, Instant.now(),
                    UUID.randomUUID().toString(), nonce);
            racers.add(() -> requestWia(id, proof).statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(racers)) {
                statuses.add(result.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }
}
