package eu.wua.appserver;

import static eu.wua.testing.PlatformApi.exportedAuditLog;
import static eu.wua.testing.PlatformApi.json;
import static eu.wua.testing.PlatformApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.Reader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import eu.wua.testing.Eventually;
import eu.wua.trust.TestListFiles;
import eu.wua.testing.PlatformApi;
import eu.wua.wallet.BackOfficeClient;
import eu.wua.wallet.CredentialOffer;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletProviderClient;

/**
 * The EAR on full application servers (issue #22), each started by {@code scripts/appserver} before this class
 * runs ({@code .ci/appservers}): ready with the platform's own checks, the console's sign-in page, a batch issued by the
 * reference wallet, the cascade of its instance's revocation, the List of Trusted Entities taken in (JAdES and XAdES),
 * and the audit export verified offline. Skipped
 * unless {@code it.appserver.urls} names the servers ({@code wildfly=http://localhost:8380,payara-server=...}) and
 * {@code it.appserver.settings} the {@code config/demo.properties} holding their logins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppServerIT {

    private static final String PID = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private static final String PIN = "135790";
    private static final Map<String, Object> SUBJECT = Map.of("family_name", "Server", "given_name", "Anwendung", "birthdate", "1980-03-03",
            "place_of_birth", Map.of("country", "BE"), "nationalities", List.of("BE"));
    private static final Instant STARTED = Instant.now().minusSeconds(1);

    record Server(String name, URI base) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Server> servers() {
        String urls = System.getProperty("it.appserver.urls", "");
        assumeTrue(!urls.isBlank(), "no application server to test: scripts/appserver starts them, .ci/run names them in it.appserver.urls");
        return Arrays.stream(urls.split(",")).map(entry -> entry.split("=", 2)).map(pair -> new Server(pair[0], URI.create(pair[1])));
    }

    private static String login(String role) throws Exception {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(System.getProperty("it.appserver.settings")))) {
            settings.load(reader);
        }
        return role + ":" + settings.getProperty("wua.demo.password." + role);
    }

    @ParameterizedTest
    @MethodSource("servers")
    @Order(1)
    void isReadyWithThePlatformsOwnChecks(Server server) throws Exception {
        HttpResponse<String> health = send(server.base(), "GET", "/health/ready", null, null);
        assertEquals(200, health.statusCode(), health.body());
        JsonObject answer = json(health);
        assertEquals("UP", answer.getString("status"), health.body());
        Set<String> checks = answer.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .map(check -> check.getString("name")).collect(Collectors.toSet());
        assertTrue(checks.containsAll(Set.of("database", "wscd", "platform-keys", "web")), "the platform's checks, not only the server's: " + checks);
    }

    @ParameterizedTest
    @MethodSource("servers")
    @Order(2)
    void theConsoleAnswersWithItsSignInPage(Server server) throws Exception {
        HttpResponse<String> page = send(server.base(), "GET", "/console/login.xhtml", null, null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("name=\"signin:username\"") && page.body().contains("name=\"signin:password\""), page.body());
        HttpResponse<String> dashboard = send(server.base(), "GET", "/console/index.xhtml", null, null);
        assertEquals(302, dashboard.statusCode(), "the dashboard asks for a sign-in first");
        assertTrue(dashboard.headers().firstValue("Location").orElse("").contains("/console/login.xhtml"), dashboard.headers().toString());
    }

    /** A batch for the reference wallet, then its instance revoked: the cascade revokes every credential of the batch. */
    @ParameterizedTest
    @MethodSource("servers")
    @Order(3)
    void aBatchIsIssuedAndItsInstancesRevocationCascades(Server server) throws Exception {
        ReferenceWallet wallet = ReferenceWallet.register(new WalletProviderClient(server.base(), server.base() + "/wallet-provider"), PIN);
        String[] operator = login("issuer-operator").split(":", 2);
        BackOfficeClient.Offer offer = new BackOfficeClient(server.base(), operator[0], operator[1]).offer(PID, SUBJECT);
        int issued = wallet.obtainCredentials(CredentialOffer.parse(offer.link()), offer.txCode(), PIN, 3, "ts3", "jwt").credentials().size();
        assertEquals(3, issued);

        HttpResponse<String> revoked = send(server.base(), "POST", "/admin/v1/wallet-instances/" + wallet.instanceId() + "/revoke",
                login("administrator"), "{\"reason\": \"application server test\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        String job = json(revoked).getJsonObject("cascade").getString("id");
        JsonObject finished = Eventually.value("the cascade finished", Duration.ofSeconds(60), () -> {
            JsonObject state = json(send(server.base(), "GET", "/admin/v1/revocation-jobs/" + job, login("administrator"), null));
            return "done".equals(state.getString("state")) ? Optional.of(state) : Optional.<JsonObject>empty();
        });
        assertEquals(issued, finished.getInt("revoked"), finished.toString());
    }

    /**
     * The List of Trusted Entities (issue #23) on the server, where {@code it.appserver.lote} names the directory the servers
     * read it from ({@code wua.trust.lote.file}, written by {@link TestListFiles}): the version they took in at start (JAdES),
     * then a new version signed with XAdES, refreshed: the EU's DSS checks both signatures inside the server.
     */
    @ParameterizedTest
    @MethodSource("servers")
    @Order(4)
    void takesItsTrustFromTheListOfTrustedEntitiesSignedEitherWay(Server server) throws Exception {
        String directory = System.getProperty("it.appserver.lote", "");
        assumeTrue(!directory.isBlank(), "the servers read no List of Trusted Entities: .ci/appservers names its directory in it.appserver.lote");
        JsonObject taken = json(send(server.base(), "GET", "/admin/v1/trust/lote", login("administrator"), null));
        assertTrue(taken.getBoolean("current"), taken.toString());
        long sequenceNumber = taken.getJsonObject("list").getJsonNumber("sequence_number").longValue();

        TestListFiles.write(Path.of(directory), sequenceNumber + 1, true);
        HttpResponse<String> refreshed = send(server.base(), "POST", "/admin/v1/trust/lote/refresh", login("administrator"), null);
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertEquals("imported", json(refreshed).getString("outcome"), refreshed.body());
        assertEquals("XADES", json(refreshed).getJsonObject("list").getJsonObject("signature").getString("format"));
        assertEquals(sequenceNumber + 1, json(refreshed).getJsonObject("list").getJsonNumber("sequence_number").longValue());
        String providers = send(server.base(), "GET", "/admin/v1/trust/wallet-providers", login("administrator"), null).body();
        assertTrue(providers.contains(TestListFiles.LISTED_IDENTIFIER) && providers.contains("\"type\":\"lote\""), providers);
    }

    @ParameterizedTest
    @MethodSource("servers")
    @Order(5)
    void theAuditExportVerifiesOffline(Server server) throws Exception {
        PlatformApi.AuditExport exported = exportedAuditLog(server.base(), login("compliance-officer"), STARTED.minus(Duration.ofDays(1)));
        assertTrue(exported.verification().ok(), exported.verification().toString());
        assertTrue(exported.lines().contains("\"type\":\"cascade.finished\""), "the cascade of this class is in the log");
    }
}
