package eu.wua.trust;

import static eu.wua.testing.PlatformApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.sun.net.httpserver.HttpServer;

import eu.wua.issuer.TestWalletProvider;
import eu.wua.platform.PemCertificates;
import eu.wua.testing.Eventually;
import eu.wua.testing.ForeignAttestations;
import eu.wua.testing.PlatformApi;
import eu.wua.testing.PlatformNode;
import eu.wua.wallet.BackOfficeClient;
import eu.wua.wallet.ReceivedCredential;

/**
 * Trust from a List of Trusted Entities (issue #23), end to end on a node of its own (its settings name
 * the list): lists built and signed by the test (JSON with JAdES, XML with XAdES) served by an HTTP server
 * of the test's; a listed provider's WIA accepted; bad lists refused with the previous one kept; a local
 * suspension kept across a refresh; a provider withdrawn by a new version refused and its credentials
 * revoked; on PostgreSQL, two nodes refreshing at once take a version in once; last, a list past its
 * NextUpdate fails closed. Runs in the H2 suite (its node's own in-memory database) and the PostgreSQL
 * suite (a schema of its own).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ListOfTrustedEntitiesIT {

    private static final int BASE_PORT = Integer.parseInt(System.getProperty("it.port", "8887")) + 20;
    private static final String ADMIN = "administrator:admin-test-pw";
    private static final String OFFICER = "compliance-officer:compliance-test-pw";
    private static final String PID = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private static final Map<String, Object> SUBJECT = Map.of("family_name", "Liste", "given_name", "Test", "birthdate", "1990-03-03",
            "place_of_birth", Map.of("country", "BE"), "nationalities", List.of("BE"));
    private static final int MAX_SIZE = 1 << 20;

    private static final List<PlatformNode> NODES = new ArrayList<>();
    private static final Instant START = Instant.now();
    private static ListServer lists;
    private static TestLists.Signer signer;
    private static TestWalletProvider alpha;
    private static TestWalletProvider beta;
    private static Path pinnedSigner;
    private static String databaseUrl;
    private static List<ReceivedCredential> issuedOnAlpha;

    @BeforeAll
    static void aNodeThatTakesItsTrustFromTheTestsList() throws Exception {
        signer = new TestLists.Signer("Test LoTE signer");
        alpha = new TestWalletProvider("LoTE Alpha " + UUID.randomUUID().toString().substring(0, 8));
        beta = new TestWalletProvider("LoTE Beta " + UUID.randomUUID().toString().substring(0, 8));
        Path directory = Path.of(System.getProperty("it.war")).getParent().resolve("lote");
        Files.createDirectories(directory);
        pinnedSigner = directory.resolve("signer.pem");
        Files.writeString(pinnedSigner, signer.pem());
        lists = new ListServer(BASE_PORT + 5);
        lists.serve(jades(1, START, START.plus(Duration.ofDays(30)), listed(alpha, null)));
        String suiteUrl = System.getProperty("it.db.url", "");
        if (suiteUrl.startsWith("jdbc:postgresql:")) {
            try (Connection connection = DriverManager.getConnection(suiteUrl, System.getProperty("it.db.user"), System.getProperty("it.db.password"));
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS lote_trust CASCADE");
                statement.execute("CREATE SCHEMA lote_trust");
            }
            databaseUrl = suiteUrl + (suiteUrl.contains("?") ? "&" : "?") + "currentSchema=lote_trust";
        }
        // ready only once the list is taken in: the trust list's readiness is down until then
        NODES.add(start("lote-a", BASE_PORT));
    }

    private static PlatformNode start(String name, int port) throws Exception {
        List<String> settings = new ArrayList<>(List.of("-Dwua.public-base-url=http://localhost:" + port, "-Dwua.node-name=" + name,
                "-Dwua.trust.lote.url=http://127.0.0.1:" + (BASE_PORT + 5) + "/lote", "-Dwua.trust.lote.signer-certificates=" + pinnedSigner,
                "-Dwua.trust.lote.check-interval=PT1S", "-Dwua.trust.lote.refresh-interval=PT1H", "-Dwua.trust.lote.retry-interval=PT1H",
                "-Dwua.trust.lote.max-size=" + MAX_SIZE, "-Dwua.revocation.poll-interval=PT1S"));
        if (databaseUrl != null) {
            settings.add("-Dwua.db.url=" + databaseUrl);
        }
        return PlatformNode.start(name, port, settings);
    }

    @AfterAll
    static void stop() throws Exception {
        for (PlatformNode node : NODES) {
            node.stop();
        }
        if (lists != null) {
            lists.stop();
        }
    }

    private static URI platform() {
        return NODES.get(0).base();
    }

    private static ForeignAttestations foreign() {
        return new ForeignAttestations(platform().toString().replaceAll("/$", ""), () -> new BackOfficeClient(platform(), "issuer-operator",
                "operator-test-pw").offer(PID, SUBJECT));
    }

    private static HttpResponse<String> api(String method, String path, String credentials, String body) throws Exception {
        return PlatformApi.send(platform(), method, path, credentials, body);
    }

    private static TestLists.Listed listed(TestWalletProvider provider, String status) {
        return new TestLists.Listed(provider.ca.getSubjectX500Principal().getName().replace("CN=", "").replace(" CA", ""),
                "https://" + provider.ca.getSerialNumber() + ".wallet-provider.example", status, List.of(provider.ca));
    }

    private static byte[] jades(long sequenceNumber, Instant issued, Instant nextUpdate, TestLists.Listed... providers) throws Exception {
        return signer.jades(TestLists.json(sequenceNumber, issued, nextUpdate, List.of(providers)));
    }

    private static JsonObject refreshed() throws Exception {
        HttpResponse<String> refreshed = api("POST", "/admin/v1/trust/lote/refresh", ADMIN, null);
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        return json(refreshed);
    }

    private static JsonObject entry(TestWalletProvider provider) throws Exception {
        String identifier = listed(provider, null).informationUri();
        return json(api("GET", "/admin/v1/trust/wallet-providers", ADMIN, null)).getJsonArray("wallet_providers")
                .getValuesAs(JsonObject.class).stream().filter(p -> p.getString("identifier").equals(identifier)).findFirst()
                .orElseThrow(() -> new AssertionError(identifier + " is not on the trust list"));
    }

    private static HttpResponse<String> tokenOn(TestWalletProvider provider) throws Exception {
        return foreign().token(provider, null).response();
    }

    private static void assertRefused(HttpResponse<String> token, String because) {
        assertEquals(401, token.statusCode(), token.body());
        assertEquals("invalid_client", json(token).getString("error"));
        assertTrue(json(token).getString("error_description").contains(because), token.body());
    }

    private static JsonObject trustListCheck(HttpResponse<String> readiness) {
        return json(readiness).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("trust-list")).findFirst()
                .orElseThrow(() -> new AssertionError("no trust-list check: " + readiness.body()));
    }

    private static List<JsonObject> audited(String type) throws Exception {
        HttpResponse<String> events = api("GET", "/admin/v1/audit?type=" + type + "&size=200", OFFICER, null);
        assertEquals(200, events.statusCode(), events.body());
        return json(events).getJsonArray("events").getValuesAs(JsonObject.class);
    }

    @Test
    @Order(1)
    void aWiaOfAListedProviderIsAcceptedAndItsEntrySaysWhereItComesFrom() throws Exception {
        JsonObject lote = json(api("GET", "/admin/v1/trust/lote", ADMIN, null));
        assertTrue(lote.getBoolean("current"), lote.toString());
        assertEquals(1, lote.getJsonObject("list").getInt("sequence_number"));
        assertEquals("JADES", lote.getJsonObject("list").getJsonObject("signature").getString("format"));
        assertEquals(PemCertificates.sha256Fingerprint(signer.certificate), lote.getJsonObject("list").getJsonObject("signature")
                .getString("signer_sha256"));

        JsonObject entry = entry(alpha);
        assertEquals("lote", entry.getJsonObject("origin").getString("type"));
        assertEquals(1, entry.getJsonObject("origin").getInt("sequence_number"));
        assertEquals(PemCertificates.sha256Fingerprint(alpha.ca), entry.getJsonArray("trust_anchors").getJsonObject(0).getString("sha256"));
        assertEquals("trusted", entry.getString("state"));

        issuedOnAlpha = foreign().issue(alpha, null, null);
        assertEquals(2, issuedOnAlpha.size());
        assertRefused(tokenOn(beta), "does not validate to a trusted Wallet Provider");

        JsonObject trustList = trustListCheck(api("GET", "/health/ready", null, null));
        assertEquals("UP", trustList.getString("status"));
        assertEquals("1", trustList.getJsonObject("data").get("sequenceNumber").toString().replace("\"", ""), trustList.toString());
        assertTrue(audited("trust.lote_imported").stream().anyMatch(e -> e.getJsonObject("details").getString("sequence_number").equals("1")));
        assertTrue(audited("trust.wallet_provider_listed").stream().anyMatch(e -> e.getString("subject").equals(entry.getString("id"))));
    }

    @Test
    @Order(2)
    void aListThatCannotBeTakenInIsRefusedWithItsReasonAndThePreviousListStays() throws Exception {
        Instant now = Instant.now();
        String[] valid = new String(jades(2, now, now.plus(Duration.ofDays(30)), listed(alpha, null), listed(beta, null)),
                StandardCharsets.US_ASCII).split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(TestLists.json(2, now, now.plus(Duration.ofDays(30)),
                List.of(listed(alpha, null), listed(beta, null), listed(new TestWalletProvider("Smuggled"), null))).getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> refusals = new LinkedHashMap<>();
        refusals.put("does not verify", (valid[0] + "." + otherPayload + "." + valid[2]).getBytes(StandardCharsets.US_ASCII));
        refusals.put("which is not a pinned signer certificate", new TestLists.Signer("Not the Commission").jades(TestLists.json(2, now,
                now.plus(Duration.ofDays(30)), List.of(listed(beta, null)))));
        refusals.put("past its NextUpdate", jades(2, now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(10)), listed(beta, null)));
        refusals.put("is missing or not an object", signer.jades("{\"LoTE\": [\"not a list\"]}"));
        refusals.put("not a JAdES or XAdES signed document", "this is not a list".getBytes(StandardCharsets.UTF_8));
        refusals.put("is larger than " + MAX_SIZE + " bytes", new byte[MAX_SIZE + 1]);
        refusals.put("changed under the same LoTESequenceNumber 1", jades(1, now, now.plus(Duration.ofDays(30)), listed(alpha, null),
                listed(beta, null)));
        for (Map.Entry<String, byte[]> refusal : refusals.entrySet()) {
            lists.serve(refusal.getValue());
            HttpResponse<String> refused = api("POST", "/admin/v1/trust/lote/refresh", ADMIN, null);
            assertEquals(502, refused.statusCode(), refusal.getKey() + ": " + refused.body());
            assertEquals("lote_refused", json(refused).getString("error"));
            assertTrue(json(refused).getString("error_description").contains(refusal.getKey()), refused.body());
            JsonObject lote = json(api("GET", "/admin/v1/trust/lote", ADMIN, null));
            assertEquals(1, lote.getJsonObject("list").getInt("sequence_number"), "the list taken in before stays");
            assertTrue(lote.getString("last_failure_reason").contains(refusal.getKey()), lote.toString());
            assertTrue(audited("trust.lote_refresh_failed").stream().anyMatch(e -> e.getJsonObject("details").getString("reason")
                    .contains(refusal.getKey())), refusal.getKey() + " is recorded");
        }
        lists.fail(404);
        HttpResponse<String> unreachable = api("POST", "/admin/v1/trust/lote/refresh", ADMIN, null);
        assertEquals(502, unreachable.statusCode(), unreachable.body());
        assertTrue(json(unreachable).getString("error_description").contains("answered HTTP 404"), unreachable.body());

        assertEquals(200, tokenOn(alpha).statusCode(), "the providers of the list taken in before are still trusted");
        assertRefused(tokenOn(beta), "does not validate to a trusted Wallet Provider");
    }

    @Test
    @Order(3)
    void anXmlListSignedWithXadesIsTakenInAndAnOlderVersionIsNot() throws Exception {
        Instant now = Instant.now();
        lists.serve(signer.xades(TestLists.xml(2, now, now.plus(Duration.ofDays(30)), List.of(listed(alpha, null), listed(beta, TestLists.GRANTED)))));
        JsonObject imported = refreshed();
        assertEquals("imported", imported.getString("outcome"), imported.toString());
        assertEquals(1, imported.getJsonObject("changes").getInt("added"));
        assertEquals("XADES", imported.getJsonObject("list").getJsonObject("signature").getString("format"));
        assertEquals(TestLists.GRANTED, entry(beta).getJsonObject("origin").getString("service_status"));
        assertEquals(200, tokenOn(beta).statusCode());

        assertEquals("unchanged", refreshed().getString("outcome"), "the same document again changes nothing");
        lists.serve(jades(1, START, START.plus(Duration.ofDays(30)), listed(alpha, null)));
        HttpResponse<String> rolledBack = api("POST", "/admin/v1/trust/lote/refresh", ADMIN, null);
        assertEquals(502, rolledBack.statusCode(), rolledBack.body());
        assertTrue(json(rolledBack).getString("error_description").contains("is older than the list already taken in (2)"), rolledBack.body());
    }

    @Test
    @Order(4)
    void aLocalSuspensionOfAListedProviderOutlivesARefresh() throws Exception {
        String id = entry(beta).getString("id");
        HttpResponse<String> suspended = api("POST", "/admin/v1/trust/wallet-providers/" + id + "/suspend", ADMIN, "{\"reason\": \"under review\"}");
        assertEquals(200, suspended.statusCode(), suspended.body());
        assertEquals("under review", json(suspended).getJsonObject("local_suspension").getString("reason"));
        assertRefused(tokenOn(beta), "an administrator of this platform suspended");

        Instant now = Instant.now();
        lists.serve(jades(3, now, now.plus(Duration.ofDays(30)), listed(alpha, null), listed(beta, TestLists.GRANTED)));
        assertEquals("imported", refreshed().getString("outcome"));
        JsonObject after = entry(beta);
        assertEquals(3, after.getJsonObject("origin").getInt("sequence_number"));
        assertTrue(after.containsKey("local_suspension"), "the refresh keeps the local suspension: " + after);
        assertRefused(tokenOn(beta), "an administrator of this platform suspended");
        assertTrue(audited("trust.wallet_provider_locally_suspended").stream().anyMatch(e -> e.getString("subject").equals(id)));

        assertEquals(200, api("POST", "/admin/v1/trust/wallet-providers/" + id + "/lift-suspension", ADMIN, null).statusCode());
        assertEquals(200, tokenOn(beta).statusCode());
    }

    @Test
    @Order(5)
    void aProviderANewVersionWithdrawsIsRefusedAndWhatWasIssuedOnItIsRevoked() throws Exception {
        String alphaId = entry(alpha).getString("id");
        Instant now = Instant.now();
        lists.serve(jades(4, now, now.plus(Duration.ofDays(30)), listed(beta, TestLists.SUSPENDED)));
        JsonObject imported = refreshed();
        assertEquals(1, imported.getJsonObject("changes").getInt("withdrawn"), imported.toString());
        assertEquals(1, imported.getJsonObject("changes").getInt("suspended"), imported.toString());
        assertEquals("withdrawn", entry(alpha).getString("state"));
        assertEquals("suspended", entry(beta).getString("state"));
        assertRefused(tokenOn(alpha), "whose trust was withdrawn");
        assertRefused(tokenOn(beta), "which the List of Trusted Entities suspends");

        JsonObject cascade = Eventually.value("the cascade from alpha's withdrawal finishing", Duration.ofSeconds(60), () ->
                json(api("GET", "/admin/v1/revocation-jobs", ADMIN, null)).getJsonArray("jobs").getValuesAs(JsonObject.class).stream()
                        .filter(job -> job.getString("target").equals(alphaId) && job.getString("state").equals("done")).findFirst());
        assertEquals(issuedOnAlpha.size(), cascade.getInt("revoked"), cascade.toString());
        assertTrue(audited("trust.wallet_provider_withdrawn").stream().anyMatch(e -> e.getString("subject").equals(alphaId)
                && e.getString("actor").equals("system:lote")));

        lists.serve(jades(5, now, now.plus(Duration.ofDays(30)), listed(beta, TestLists.GRANTED), listed(alpha, null)));
        JsonObject again = refreshed();
        assertEquals(1, again.getJsonObject("changes").getInt("granted_again"), again.toString());
        assertEquals(200, tokenOn(beta).statusCode(), "a suspension the list lifts is lifted");
        assertRefused(tokenOn(alpha), "whose trust was withdrawn");
    }

    @Test
    @Order(6)
    void twoNodesRefreshingAtOnceTakeTheNewVersionInOnce() throws Exception {
        assumeTrue(databaseUrl != null, "two nodes need a database both reach: the PostgreSQL suite runs this");
        NODES.add(start("lote-b", BASE_PORT + 1));
        Instant now = Instant.now();
        lists.serve(jades(6, now, now.plus(Duration.ofDays(30)), listed(beta, null)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                PlatformNode node = NODES.get(i % 2);
                answers.add(pool.submit(() -> PlatformApi.send(node.base(), "POST", "/admin/v1/trust/lote/refresh", ADMIN, null)));
            }
            int imported = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                if (response.statusCode() == 200 && json(response).getString("outcome").equals("imported")) {
                    imported++;
                } else {
                    assertTrue(response.statusCode() == 200 && json(response).getString("outcome").equals("unchanged")
                            || response.statusCode() == 409 && json(response).getString("error").equals("lote_refresh_in_progress"), response.body());
                }
            }
            assertEquals(1, imported, "one of the refreshes took the version in");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, audited("trust.lote_imported").stream().filter(e -> e.getJsonObject("details").getString("sequence_number").equals("6"))
                .count(), "version 6 is taken in once");
        JsonObject seenByB = json(PlatformApi.send(NODES.get(1).base(), "GET", "/admin/v1/trust/lote", ADMIN, null));
        assertEquals(6, seenByB.getJsonObject("list").getInt("sequence_number"));
        NODES.remove(1).stop();
    }

    @Test
    @Order(7)
    void aListPastItsNextUpdateWithNoNewOneFailsClosedAndReadinessSaysSo() throws Exception {
        Instant now = Instant.now();
        Instant nextUpdate = now.plus(Duration.ofSeconds(12));
        lists.serve(jades(7, now, nextUpdate, listed(beta, null)));
        assertEquals("imported", refreshed().getString("outcome"));
        assertEquals(200, tokenOn(beta).statusCode());
        lists.fail(503);
        Eventually.value("the list's NextUpdate passing", Duration.ofSeconds(30), () -> Optional.of(Instant.now()).filter(t -> t.isAfter(nextUpdate)));
        assertEquals(502, api("POST", "/admin/v1/trust/lote/refresh", ADMIN, null).statusCode());
        assertRefused(tokenOn(beta), "passed its NextUpdate");
        HttpResponse<String> ready = api("GET", "/health/ready", null, null);
        assertEquals(503, ready.statusCode(), ready.body());
        JsonObject check = trustListCheck(ready);
        assertEquals("DOWN", check.getString("status"));
        assertTrue(check.getJsonObject("data").getString("current").contains("passed"), check.toString());
    }

    /** The list's publication point: serves whatever the test last set, or an HTTP error. */
    static final class ListServer {
        private final HttpServer server;
        private final AtomicReference<byte[]> document = new AtomicReference<>(new byte[0]);
        private volatile int failing;

        ListServer(int port) throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/lote", exchange -> {
                byte[] body = failing == 0 ? document.get() : new byte[0];
                exchange.getResponseHeaders().add("Content-Type", "application/jose");
                exchange.sendResponseHeaders(failing == 0 ? 200 : failing, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
        }

        void serve(byte[] list) {
            failing = 0;
            document.set(list);
        }

        void fail(int status) {
            failing = status;
        }

        void stop() {
            server.stop(0);
        }
    }
}
