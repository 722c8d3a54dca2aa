package eu.wua.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.issuer.TestWalletProvider;
import eu.wua.testing.Eventually;
import eu.wua.testing.ForeignAttestations;
import eu.wua.wallet.BackOfficeClient;
import eu.wua.wallet.CredentialOffer;
import eu.wua.wallet.ReceivedCredential;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletProviderClient;

/**
 * Revocation end to end over HTTP: issue, revoke (a credential and its batch, or upstream: a wallet
 * instance, a key store certification, a Wallet Provider), then read the credential's bits in the
 * published status list with a decoder of the test's own (JDK inflater, JDK ECDSA).
 */
@ExtendWith(ArquillianExtension.class)
class RevocationIT {

    private static final String PLATFORM = "http://localhost:" + System.getProperty("it.port", "8887");
    private static final String PID = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private static final String PIN = "314159";
    private static final String ADMIN = "administrator:admin-test-pw";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Map<String, Object> SUBJECT = Map.of("family_name", "Revoke", "given_name", "Test", "birthdate", "1990-01-01",
            "place_of_birth", Map.of("country", "NL"), "nationalities", List.of("NL"));

    private static final ForeignAttestations FOREIGN = new ForeignAttestations(PLATFORM, RevocationIT::offer);

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    private static HttpResponse<String> send(String method, String path, String credentials, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : PLATFORM + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static BackOfficeClient.Offer offer() throws Exception {
        return new BackOfficeClient(URI.create(PLATFORM), "issuer-operator", "operator-test-pw").offer(PID, SUBJECT);
    }

    private static List<ReceivedCredential> issue(ReferenceWallet wallet, int keys) throws Exception {
        return issue(wallet, keys, offer());
    }

    private static List<ReceivedCredential> issue(ReferenceWallet wallet, int keys, BackOfficeClient.Offer offer) throws Exception {
        return wallet.obtainCredentials(CredentialOffer.parse(offer.link()), offer.txCode(), PIN, keys, "ts3", "jwt").credentials();
    }

    private static ReferenceWallet wallet() throws Exception {
        return ReferenceWallet.register(new WalletProviderClient(URI.create(PLATFORM)), PIN);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusReference(ReceivedCredential credential) {
        return (Map<String, Object>) ((Map<String, Object>) credential.payload().get("status")).get("status_list");
    }

    /** The credential's entry in the issuer's published list, read without any of the platform's code. */
    private static int publishedStatus(ReceivedCredential credential) throws Exception {
        Map<String, Object> reference = statusReference(credential);
        HttpResponse<String> list = send("GET", (String) reference.get("uri"), null, null);
        assertEquals(200, list.statusCode(), list.body());
        assertEquals("application/statuslist+jwt", list.headers().firstValue("Content-Type").orElse(""));
        String[] jwt = list.body().strip().split("\\.");
        JsonObject header = json(new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8));
        assertEquals("statuslist+jwt", header.getString("typ"));
        X509Certificate signer = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(header.getJsonArray("x5c").getString(0))));
        Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
        ecdsa.initVerify(signer.getPublicKey());
        ecdsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(ecdsa.verify(Base64.getUrlDecoder().decode(jwt[2])), "the list's signature verifies");
        JsonObject claims = json(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
        assertEquals(reference.get("uri"), claims.getString("sub"));
        assertEquals(2, claims.getJsonObject("status_list").getInt("bits"), "credentials can be suspended, so 2 bits");
        return IndependentStatusListDecoder.entry(claims.getJsonObject("status_list").getString("lst"), 2,
                ((Number) reference.get("idx")).intValue());
    }

    private static String credentialId(ReceivedCredential credential) throws Exception {
        Map<String, Object> reference = statusReference(credential);
        String uri = (String) reference.get("uri");
        HttpResponse<String> found = send("GET", "/admin/v1/credentials?list=" + uri.substring(uri.lastIndexOf('/') + 1) + "&idx="
                + reference.get("idx"), ADMIN, null);
        assertEquals(200, found.statusCode(), found.body());
        return json(found.body()).getString("id");
    }

    private static void awaitCascade(JsonObject cascade, int expectedRevoked) throws Exception {
        String id = cascade.getString("id");
        JsonObject job = Eventually.value("the cascade " + id + " finishing", Duration.ofSeconds(30), () -> Optional.of(
                json(send("GET", "/admin/v1/revocation-jobs/" + id, ADMIN, null).body())).filter(j -> "done".equals(j.getString("state"))));
        assertEquals(expectedRevoked, job.getInt("revoked"), job.toString());
    }

    @Test
    void revokingACredentialRevokesItsBatchUnlessOnlyItIsAskedFor() throws Exception {
        ReferenceWallet wallet = wallet();
        List<ReceivedCredential> batch = issue(wallet, 3);
        List<ReceivedCredential> other = issue(wallet, 2);

        HttpResponse<String> revoked = send("POST", "/admin/v1/credentials/" + credentialId(batch.get(1)) + "/revoke", ADMIN,
                "{\"reason\": \"reported stolen\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        for (ReceivedCredential credential : batch) {
            assertEquals(1, publishedStatus(credential), "every sibling of the batch is revoked");
        }
        assertEquals(0, publishedStatus(other.get(0)), "another batch is untouched");

        assertEquals(200, send("POST", "/admin/v1/credentials/" + credentialId(other.get(0)) + "/revoke", ADMIN,
                "{\"only_this\": true}").statusCode());
        assertEquals(1, publishedStatus(other.get(0)));
        assertEquals(0, publishedStatus(other.get(1)), "only the one was asked for");
    }

    @Test
    void aSuspendedCredentialIsReinstatedButARevokedOneNeverIs() throws Exception {
        List<ReceivedCredential> credentials = issue(wallet(), 1);
        String id = credentialId(credentials.get(0));
        assertEquals(200, send("POST", "/admin/v1/credentials/" + id + "/suspend", ADMIN, "").statusCode());
        assertEquals(2, publishedStatus(credentials.get(0)));
        assertEquals(200, send("POST", "/admin/v1/credentials/" + id + "/reinstate", ADMIN, "").statusCode());
        assertEquals(0, publishedStatus(credentials.get(0)));
        assertEquals(200, send("POST", "/admin/v1/credentials/" + id + "/revoke", ADMIN, "").statusCode());
        assertTrue(send("POST", "/admin/v1/credentials/" + id + "/reinstate", ADMIN, "").body().contains("\"change\":\"unchanged\""));
        assertEquals(1, publishedStatus(credentials.get(0)));
        assertEquals(404, send("POST", "/admin/v1/credentials/no-such/revoke", ADMIN, "").statusCode());
        assertEquals(403, send("POST", "/admin/v1/credentials/" + id + "/revoke", "certifier:certifier-test-pw", "").statusCode());
    }

    @Test
    void revokingAPersonRevokesTheirCredentialsOfEveryOfferAndNothingElse() throws Exception {
        String family = "Subject-" + UUID.randomUUID();
        Map<String, Object> person = new LinkedHashMap<>(SUBJECT);
        person.put("family_name", family);
        BackOfficeClient backOffice = new BackOfficeClient(URI.create(PLATFORM), "issuer-operator", "operator-test-pw");
        List<ReceivedCredential> first = issue(wallet(), 2, backOffice.offer(PID, person));
        List<ReceivedCredential> second = issue(wallet(), 1, backOffice.offer(PID, person));
        Map<String, Object> namesake = new LinkedHashMap<>(person);
        namesake.put("birthdate", "1991-02-02");
        List<ReceivedCredential> someoneElse = issue(wallet(), 1, backOffice.offer(PID, namesake));

        // the same person written with other case and spacing, as a support desk would type it
        HttpResponse<String> revoked = send("POST", "/admin/v1/subjects/revoke", ADMIN, Json.createObjectBuilder()
                .add("subject", Json.createObjectBuilder().add("family_name", " " + family.toUpperCase() + " ").add("given_name", "test")
                        .add("birthdate", "1990-01-01")).add("reason", "deceased").build().toString());
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals(3, json(revoked.body()).getInt("changed"), revoked.body());
        for (ReceivedCredential credential : List.of(first.get(0), first.get(1), second.get(0))) {
            assertEquals(1, publishedStatus(credential));
        }
        assertEquals(0, publishedStatus(someoneElse.get(0)), "another birth date is another person");

        HttpResponse<String> unknown = send("POST", "/admin/v1/subjects/revoke", ADMIN,
                "{\"subject\": {\"family_name\": \"Nobody-" + UUID.randomUUID() + "\", \"given_name\": \"X\", \"birthdate\": \"2000-01-01\"}}");
        assertEquals(404, unknown.statusCode());
        assertEquals("unknown_subject", json(unknown.body()).getString("error"));
        HttpResponse<String> malformed = send("POST", "/admin/v1/subjects/revoke", ADMIN, "{\"subject\": {\"family_name\": 7}}");
        assertEquals(400, malformed.statusCode());
        assertEquals("invalid_request", json(malformed.body()).getString("error"));
        assertEquals(400, send("POST", "/admin/v1/subjects/revoke", ADMIN, "not json").statusCode());
        assertEquals(403, send("POST", "/admin/v1/subjects/revoke", "certifier:certifier-test-pw", "{}").statusCode());

        HttpResponse<String> audit = send("GET", "/admin/v1/audit?type=credential.revoked", "compliance-officer:compliance-test-pw", null);
        assertEquals(200, audit.statusCode(), audit.body());
        assertTrue(audit.body().contains("\"scope\":\"subject\""), audit.body());
        assertTrue(!audit.body().contains(family), "the person's name is not in the audit trail");
    }

    @Test
    void revokingAnOfferRevokesEveryCredentialIssuedOnIt() throws Exception {
        BackOfficeClient.Offer offer = offer();
        List<ReceivedCredential> credentials = issue(wallet(), 2, offer);
        List<ReceivedCredential> other = issue(wallet(), 1);
        HttpResponse<String> revoked = send("POST", "/admin/v1/offers/" + offer.id() + "/revoke", ADMIN, "{\"reason\": \"identity fraud\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals(2, json(revoked.body()).getInt("changed"));
        assertEquals(1, publishedStatus(credentials.get(0)));
        assertEquals(1, publishedStatus(credentials.get(1)));
        assertEquals(0, publishedStatus(other.get(0)));
        assertEquals(404, send("POST", "/admin/v1/offers/no-such-offer/revoke", ADMIN, "").statusCode());
    }

    @Test
    void revokingAWalletInstanceRevokesEveryCredentialOnItsAttestations() throws Exception {
        ReferenceWallet wallet = wallet();
        List<ReceivedCredential> credentials = issue(wallet, 2);
        List<ReceivedCredential> untouched = issue(wallet(), 1);

        HttpResponse<String> revoked = send("POST", "/admin/v1/wallet-instances/" + wallet.instanceId() + "/revoke", ADMIN, "{\"reason\": \"lost\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        awaitCascade(json(revoked.body()).getJsonObject("cascade"), 2);
        for (ReceivedCredential credential : credentials) {
            assertEquals(1, publishedStatus(credential));
        }
        assertEquals(0, publishedStatus(untouched.get(0)));
    }

    @Test
    void withdrawingAKeyStoreCertificationRevokesTheCredentialsOnKasThatNamedIt() throws Exception {
        String certification = "cascade-" + UUID.randomUUID().toString().substring(0, 8);
        boolean software = send("GET", "/health/ready", null, null).body().contains("\"softwareKeyStore\":\"true\"");
        assertEquals(201, send("POST", "/admin/v1/certifications", "certifier:certifier-test-pw", Json.createObjectBuilder()
                .add("id", certification).add("wscd_backend", software ? "software" : "pkcs11").add("model", "cascade test")
                .add("scheme", "test").add("key_storage", "iso_18045_basic").add("user_authentication", "iso_18045_basic")
                .add("certification_url", "https://certification.example.eu/" + certification)
                .add("valid_until", Instant.now().plusSeconds(86400).toString()).build().toString()).statusCode());
        List<ReceivedCredential> credentials = issue(wallet(), 2);

        HttpResponse<String> withdrawn = send("POST", "/admin/v1/certifications/" + certification + "/withdraw", "certifier:certifier-test-pw",
                "{\"reason\": \"vulnerability in the model\"}");
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        awaitCascade(json(withdrawn.body()).getJsonObject("cascade"), 2);
        for (ReceivedCredential credential : credentials) {
            assertEquals(1, publishedStatus(credential));
        }
    }

    /** A Wallet Provider run by someone else (the test) on the platform's trust list: answers its trust list entry id. */
    private static String trust(TestWalletProvider provider) throws Exception {
        return trust(provider, "127.0.0.1");
    }

    /** {@code statusListHost}: where the issuer may fetch its status lists (the test's list server listens on 127.0.0.1). */
    private static String trust(TestWalletProvider provider, String statusListHost) throws Exception {
        HttpResponse<String> added = send("POST", "/admin/v1/trust/wallet-providers", ADMIN, Json.createObjectBuilder()
                .add("identifier", "https://wp-" + UUID.randomUUID() + ".example").add("name", "Test WP")
                .add("trust_anchors_pem", provider.caPem()).add("status_list_hosts", Json.createArrayBuilder().add(statusListHost))
                .build().toString());
        assertEquals(201, added.statusCode(), added.body());
        return json(added.body()).getString("id");
    }

    /** Issue #18: the issuer fetched any URI a trusted provider's token named; now only the hosts of its trust list entry. */
    @Test
    void aStatusListOnAHostTheProviderIsNotTrustedForIsNotFetched() throws Exception {
        TestWalletProvider provider = new TestWalletProvider("Host WP " + UUID.randomUUID());
        trust(provider, "lists.wp.example");
        ExternalStatusList lists = new ExternalStatusList(provider);
        try {
            HttpResponse<String> refused = FOREIGN.token(provider, lists.reference("1", 3)).response();
            assertEquals(401, refused.statusCode(), refused.body());
            assertEquals("invalid_client", json(refused.body()).getString("error"));
            assertTrue(json(refused.body()).getString("error_description").contains("not on a host its Wallet Provider is trusted for"),
                    refused.body());
            assertEquals(0, lists.requests(), "the list server was never asked");
        } finally {
            lists.stop();
        }
    }

    @Test
    void withdrawingTrustInAWalletProviderRevokesEveryCredentialIssuedOnItsAttestations() throws Exception {
        TestWalletProvider provider = new TestWalletProvider("Cascade WP " + UUID.randomUUID());
        String entry = trust(provider);
        List<ReceivedCredential> credentials = FOREIGN.issue(provider, null, null);

        HttpResponse<String> withdrawn = send("POST", "/admin/v1/trust/wallet-providers/" + entry + "/withdraw",
                ADMIN, "{\"reason\": \"the provider's CA was compromised\"}");
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        awaitCascade(json(withdrawn.body()).getJsonObject("cascade"), 2);
        for (ReceivedCredential credential : credentials) {
            assertEquals(1, publishedStatus(credential));
        }
    }

    /**
     * The 24-hour re-check against a Wallet Provider's status list served by a separate HTTP server:
     * a KA revoked there revokes its credentials here; a list that cannot be read is reported as
     * unresolved and revokes nothing.
     */
    @Test
    void theRecheckRevokesCredentialsWhoseKaWasRevokedElsewhereAndReportsUnreadableLists() throws Exception {
        TestWalletProvider provider = new TestWalletProvider("Recheck WP " + UUID.randomUUID());
        trust(provider);
        ExternalStatusList lists = new ExternalStatusList(provider);
        try {
            List<ReceivedCredential> revokedThere = FOREIGN.issue(provider, lists.reference("1", 3), lists.reference("1", 5));
            List<ReceivedCredential> unreadable = FOREIGN.issue(provider, null, lists.reference("2", 7));

            lists.set("1", 5, 1);
            lists.fail("2");
            Thread.sleep(1500); // the lists' ttl is 1 s
            Instant started = Instant.now();
            assertEquals(202, send("POST", "/admin/v1/status-recheck/run", ADMIN, "").statusCode());
            JsonObject report = awaitRecheck(started);

            for (ReceivedCredential credential : revokedThere) {
                assertEquals(1, publishedStatus(credential), "a KA revoked at its Wallet Provider revokes the credential");
            }
            for (ReceivedCredential credential : unreadable) {
                assertEquals(0, publishedStatus(credential), "an unreadable list is not taken as revoked");
            }
            assertTrue(report.getInt("unresolved") >= 2, report.toString());
            assertTrue(report.getInt("revoked") >= 2, report.toString());
        } finally {
            lists.stop();
        }
    }

    private static JsonObject awaitRecheck(Instant started) throws Exception {
        return Eventually.value("a re-check run finishing", Duration.ofSeconds(60), () -> Optional.of(
                json(send("GET", "/admin/v1/status-recheck", ADMIN, null).body())).filter(state -> state.containsKey("last_finished")
                        && Instant.parse(state.getString("last_finished")).isAfter(started)));
    }

    /** Token Status Lists of the test's Wallet Provider, on an HTTP server of the test's own (1 bit, 16 entries). */
    static final class ExternalStatusList {
        private final TestWalletProvider provider;
        private final com.sun.net.httpserver.HttpServer server;
        private final Map<String, byte[]> lists = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

        ExternalStatusList(TestWalletProvider provider) throws Exception {
            this.provider = provider;
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/lists/", exchange -> {
                requests.incrementAndGet();
                String id = exchange.getRequestURI().getPath().substring("/lists/".length());
                byte[] body;
                int status;
                try {
                    status = failing.contains(id) || !lists.containsKey(id) ? 503 : 200;
                    body = status == 200 ? token(id).getBytes(StandardCharsets.US_ASCII) : new byte[0];
                } catch (Exception e) {
                    status = 500;
                    body = new byte[0];
                }
                exchange.getResponseHeaders().add("Content-Type", "application/statuslist+jwt");
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
        }

        String uri(String id) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/lists/" + id;
        }

        Map<String, Object> reference(String id, int index) {
            lists.putIfAbsent(id, new byte[2]);
            return Map.of("status_list", Map.of("idx", index, "uri", uri(id)));
        }

        void set(String id, int index, int bit) {
            byte[] bits = lists.get(id);
            bits[index / 8] = (byte) (bit == 1 ? bits[index / 8] | (1 << (index % 8)) : bits[index / 8] & ~(1 << (index % 8)));
        }

        int requests() {
            return requests.get();
        }

        void fail(String id) {
            failing.add(id);
        }

        private String token(String id) throws Exception {
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION);
            deflater.setInput(lists.get(id));
            deflater.finish();
            byte[] buffer = new byte[256];
            int length = deflater.deflate(buffer);
            deflater.end();
            long now = Instant.now().getEpochSecond();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", uri(id));
            claims.put("iat", now);
            claims.put("exp", now + 3600);
            claims.put("ttl", 1);
            claims.put("status_list", Map.of("bits", 1, "lst", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(java.util.Arrays.copyOf(buffer, length))));
            return provider.sign("statuslist+jwt", claims);
        }

        void stop() {
            server.stop(0);
        }
    }
}
