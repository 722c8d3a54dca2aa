package eu.wua.cluster;

import static eu.wua.testing.PlatformApi.exportedAuditLog;
import static eu.wua.testing.PlatformApi.json;
import static eu.wua.testing.PlatformApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.JsonObject;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import eu.wua.audit.verify.AuditExportVerifier;
import eu.wua.testing.Eventually;
import eu.wua.testing.PlatformApi;
import eu.wua.testing.PlatformNode;
import eu.wua.wallet.AttestedKeys;
import eu.wua.wallet.BackOfficeClient;
import eu.wua.wallet.CredentialOffer;
import eu.wua.wallet.IssuerClient;
import eu.wua.wallet.PlatformRefusal;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletProviderClient;

/**
 * Two nodes on one PostgreSQL database behind a round-robin balancer (issue #21): a wallet's whole
 * flow with its requests alternating between the nodes; 20 parallel replays of one pre-authorized
 * code, one Wallet Provider nonce, one KA and one PoP jti, split across the nodes, each succeed
 * exactly once; a cascade whose node is killed (SIGKILL) mid-way is finished by the other; and the
 * audit log both wrote, sealed by whichever node got there, verifies offline. Runs in the PostgreSQL
 * suite (the H2 suite's database lives inside one server, so it skips this class).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

    private static final int BASE_PORT = Integer.parseInt(System.getProperty("it.port", "8887")) + 10;
    private static final String PUBLIC_URL = "http://localhost:" + (BASE_PORT + 2);
    private static final URI PLATFORM = URI.create(PUBLIC_URL);
    private static final String PID = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private static final String PIN = "246810";
    private static final Map<String, Object> SUBJECT = Map.of("family_name", "Zwei", "given_name", "Knoten", "birthdate", "1990-02-02",
            "place_of_birth", Map.of("country", "BE"), "nationalities", List.of("BE"));

    private static final List<PlatformNode> NODES = new CopyOnWriteArrayList<>();
    private static RoundRobinProxy proxy;
    private static Instant started;

    private static String databaseUrl;

    /**
     * The nodes get a schema of their own in the suite's database, created afresh: the other classes' platform was seeded
     * with another public URL (its own Wallet Provider is trusted under that URL's host), and theirs must not see these nodes'.
     */
    @BeforeAll
    static void twoNodesBehindABalancer() throws Exception {
        String suiteUrl = System.getProperty("it.db.url", "");
        assumeTrue(suiteUrl.startsWith("jdbc:postgresql:"), "two nodes need a database both reach: this class runs in the PostgreSQL suite");
        try (Connection connection = DriverManager.getConnection(suiteUrl, System.getProperty("it.db.user"), System.getProperty("it.db.password"));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS two_nodes CASCADE");
            statement.execute("CREATE SCHEMA two_nodes");
        }
        databaseUrl = suiteUrl + (suiteUrl.contains("?") ? "&" : "?") + "currentSchema=two_nodes";
        started = Instant.now();
        NODES.add(start("node-a", 0));
        NODES.add(start("node-b", 1));
        proxy = new RoundRobinProxy(BASE_PORT + 2, NODES);
    }

    private static PlatformNode start(String name, int offset) throws Exception {
        return PlatformNode.start(name, BASE_PORT + offset, List.of("-Dwua.db.url=" + databaseUrl, "-Dwua.public-base-url=" + PUBLIC_URL,
                "-Dwua.node-name=" + name,
                // cascades in chunks of one credential, so that a node can be killed half-way; a dead node's claim lapses in 5 s
                "-Dwua.revocation.chunk-size=1", "-Dwua.revocation.lease=PT5S", "-Dwua.revocation.poll-interval=PT1S"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        for (PlatformNode node : NODES) {
            node.stop();
        }
    }

    private static ReferenceWallet wallet() throws Exception {
        return ReferenceWallet.register(new WalletProviderClient(PLATFORM, PUBLIC_URL + "/wallet-provider"), PIN);
    }

    private static BackOfficeClient.Offer offer() throws Exception {
        return new BackOfficeClient(PLATFORM, "issuer-operator", "operator-test-pw").offer(PID, SUBJECT);
    }

    private static void assertBothNodesServed(String what) {
        long[] served = proxy.servedSinceLastCall();
        assertTrue(served[0] > 0 && served[1] > 0, what + ": node-a served " + served[0] + ", node-b " + served[1]);
    }

    @Test
    @Order(1)
    void aWalletsWholeFlowAlternatesBetweenTheNodes() throws Exception {
        proxy.servedSinceLastCall();
        ReferenceWallet wallet = wallet();
        BackOfficeClient.Offer offer = offer();
        assertEquals(10, wallet.obtainCredentials(CredentialOffer.parse(offer.link()), offer.txCode(), PIN, 10, "ts3", "jwt")
                .credentials().size());
        assertEquals(3, wallet.obtainCredentialsByAuthorization(CredentialOffer.walletInitiated(PUBLIC_URL, PID), "erika", "erika-test-pw", PIN,
                3, "ts3", "attestation").credentials().size());
        assertBothNodesServed("the flow");
    }

    /** {@code attempts} calls at once; answers how many succeeded, each failure a refusal of the platform's (never a 500). */
    private static int successes(List<Callable<Object>> attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
        try {
            int succeeded = 0;
            for (Future<Object> attempt : pool.invokeAll(attempts)) {
                try {
                    attempt.get();
                    succeeded++;
                } catch (ExecutionException e) {
                    assertTrue(e.getCause() instanceof PlatformRefusal refusal && refusal.status() < 500, String.valueOf(e.getCause()));
                }
            }
            return succeeded;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(2)
    void oneCodeRedeemedTwentyTimesAcrossTheNodesGivesOneToken() throws Exception {
        ReferenceWallet wallet = wallet();
        String wia = wallet.walletInstanceAttestation();
        BackOfficeClient.Offer offer = offer();
        CredentialOffer parsed = CredentialOffer.parse(offer.link());
        IssuerClient issuer = new IssuerClient(PUBLIC_URL);
        List<String> pops = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pops.add(wallet.clientAttestationPop(PUBLIC_URL));
        }
        proxy.servedSinceLastCall();
        assertEquals(1, successes(pops.stream().<Callable<Object>>map(pop -> () -> issuer.token(parsed.preAuthorizedCode(), offer.txCode(), wia,
                pop)).toList()));
        assertBothNodesServed("the code's replays");
    }

    @Test
    @Order(3)
    void onePopJtiAcrossTheNodesGetsOneToken() throws Exception {
        ReferenceWallet wallet = wallet();
        String wia = wallet.walletInstanceAttestation();
        String pop = wallet.clientAttestationPop(PUBLIC_URL);
        IssuerClient issuer = new IssuerClient(PUBLIC_URL);
        List<Callable<Object>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            BackOfficeClient.Offer offer = offer();
            String code = CredentialOffer.parse(offer.link()).preAuthorizedCode();
            attempts.add(() -> issuer.token(code, offer.txCode(), wia, pop));
        }
        proxy.servedSinceLastCall();
        assertEquals(1, successes(attempts));
        assertBothNodesServed("the PoP's replays");
    }

    @Test
    @Order(4)
    void oneWalletProviderNonceAcrossTheNodesGetsOneWia() throws Exception {
        ReferenceWallet wallet = wallet();
        WalletProviderClient walletProvider = wallet.walletProvider();
        String nonce = walletProvider.nonce();
        List<Callable<Object>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // each proof its own jti, all the one nonce
            JwtClaims claims = new JwtClaims();
            claims.setAudience(walletProvider.identifier());
            claims.setIssuedAt(NumericDate.now());
            claims.setJwtId(UUID.randomUUID().toString());
            claims.setStringClaim("nonce", nonce);
            JsonWebSignature proof = new JsonWebSignature();
            proof.setPayload(claims.toJson());
            proof.setHeader("typ", ReferenceWallet.INSTANCE_PROOF_TYPE);
            proof.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            proof.setKey(wallet.instanceKey().getPrivateKey());
            String compact = proof.getCompactSerialization();
            attempts.add(() -> walletProvider.walletInstanceAttestation(wallet.instanceId(), compact));
        }
        proxy.servedSinceLastCall();
        assertEquals(1, successes(attempts));
        assertBothNodesServed("the nonce's replays");
    }

    @Test
    @Order(5)
    void oneKeyAttestationAcrossTheNodesGetsOneBatch() throws Exception {
        ReferenceWallet wallet = wallet();
        String wia = wallet.walletInstanceAttestation();
        IssuerClient issuer = new IssuerClient(PUBLIC_URL);
        List<IssuerClient.AccessToken> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            BackOfficeClient.Offer offer = offer();
            tokens.add(issuer.token(CredentialOffer.parse(offer.link()).preAuthorizedCode(), offer.txCode(), wia,
                    wallet.clientAttestationPop(PUBLIC_URL)));
        }
        String cNonce = issuer.nonce();
        AttestedKeys keys = wallet.generateKeys(PIN, 2, "ts3", cNonce);
        String proof = wallet.jwtProof(PIN, keys, PUBLIC_URL, cNonce);
        proxy.servedSinceLastCall();
        assertEquals(1, successes(tokens.stream().<Callable<Object>>map(token -> () -> issuer.credential(token, wia,
                wallet.clientAttestationPop(PUBLIC_URL), PID, Map.of("jwt", List.of(proof)))).toList()));
        assertBothNodesServed("the KA's replays");
    }

    @Test
    @Order(6)
    void aCascadeWhoseNodeIsKilledIsFinishedByTheOther() throws Exception {
        ReferenceWallet wallet = wallet();
        int credentials = 0;
        for (int i = 0; i < 20; i++) {
            BackOfficeClient.Offer offer = offer();
            credentials += wallet.obtainCredentials(CredentialOffer.parse(offer.link()), offer.txCode(), PIN, 10, "ts3", "jwt")
                    .credentials().size();
        }
        HttpResponse<String> revoked = send(PLATFORM, "POST", "/admin/v1/wallet-instances/" + wallet.instanceId() + "/revoke",
                "administrator:admin-test-pw", "{\"reason\": \"two-node test\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        String job = json(revoked).getJsonObject("cascade").getString("id");
        assertEquals(credentials, json(revoked).getJsonObject("cascade").getInt("total"));

        // the node that claimed the cascade dies once it has done part of it
        JsonObject working = Eventually.value("a node working the cascade", Duration.ofSeconds(30), () -> {
            JsonObject state = json(send(PLATFORM, "GET", "/admin/v1/revocation-jobs/" + job, "administrator:admin-test-pw", null));
            return state.getInt("processed") > 0 && state.containsKey("lease_owner") ? Optional.of(state) : Optional.empty();
        });
        assertTrue(working.getInt("processed") < credentials, "killed half-way, not after: " + working);
        int owner = working.getString("lease_owner").startsWith("node-a/") ? 0 : 1;
        PlatformNode doomed = NODES.get(owner);
        doomed.kill();
        PlatformNode survivor = NODES.get(1 - owner);

        JsonObject finished = Eventually.value("the other node finishing the cascade", Duration.ofSeconds(120), () -> {
            JsonObject state = json(send(survivor.base(), "GET", "/admin/v1/revocation-jobs/" + job, "administrator:admin-test-pw", null));
            return "done".equals(state.getString("state")) ? Optional.of(state) : Optional.empty();
        });
        assertEquals(credentials, finished.getInt("processed"), finished.toString());
        assertEquals(credentials, finished.getInt("revoked"), finished.toString());
    }

    /** Both nodes wrote events (and one died with some unsealed); the survivor sealed them all into one log that verifies offline. */
    @Test
    @Order(7)
    void theAuditLogOfBothNodesVerifiesOffline() throws Exception {
        PlatformNode survivor = NODES.stream().filter(PlatformNode::alive).findFirst().orElseThrow();
        PlatformApi.AuditExport exported = exportedAuditLog(survivor.base(), "compliance-officer:compliance-test-pw", started);
        AuditExportVerifier.Result result = exported.verification();
        assertTrue(result.ok(), result.toString());
        assertTrue(result.records() > 200, "the flows, races and cascade of this class at least: " + result);
        assertTrue(exported.lines().contains("\"type\":\"cascade.finished\""), "the cascade the survivor finished is in the log");
    }
}
