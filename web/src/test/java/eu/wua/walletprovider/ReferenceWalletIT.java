package eu.wua.walletprovider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import eu.wua.wallet.AttestedKeys;
import eu.wua.wallet.PlatformRefusal;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletCommand;
import eu.wua.wallet.WalletProviderClient;

/** The reference wallet (library and CLI) against a running platform, and what a revoked instance gets. */
@ExtendWith(ArquillianExtension.class)
class ReferenceWalletIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive packagedPlatform() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    @ArquillianResource
    URL deployment;

    private URI platform;
    private WalletProviderClient walletProvider;

    @BeforeEach
    void platform() {
        platform = URI.create("http://localhost:" + deployment.getPort());
        walletProvider = new WalletProviderClient(platform, WalletProviderIT.WALLET_PROVIDER);
    }

    @Test
    void theLibrarySignsAJwsThroughTheRemoteWscdWithAnAttestedKey() throws Exception {
        ReferenceWallet wallet = ReferenceWallet.register(walletProvider, "135790");
        AttestedKeys attested = wallet.generateKeys("135790", 3, "openid4vci", null);

        String jws = wallet.signJws("135790", attested.keys().get(1), Map.of("typ", "openid4vci-proof+jwt"),
                Map.of("aud", "https://issuer.example", "iat", 1_700_000_000L));

        JsonWebSignature parsed = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(jws);
        parsed.setKey(attested.keys().get(1).publicJwk().getPublicKey());
        assertTrue(parsed.verifySignature(), "the signature verifies with the attested key");
        assertEquals("https://issuer.example", JwtClaims.parse(parsed.getPayload()).getAudience().get(0));
        assertEquals(3, attested.keys().size());
        assertTrue(!wallet.walletInstanceAttestation().isBlank());
    }

    @Test
    void theCliRegistersGetsAWiaAndTs3KeysAndSigns(@TempDir Path dir) throws Exception {
        String state = dir.resolve("wallet.json").toString();
        Map<String, String> environment = Map.of("WUA_WALLET_PIN", "864200");

        Cli register = cli(environment, "--state", state, "register");
        assertEquals(0, register.status, register.err);
        assertTrue(register.out.startsWith("registered wallet instance "), register.out);

        Cli wia = cli(environment, "--state", state, "wia");
        assertEquals(0, wia.status, wia.err);
        assertTrue(wia.out.contains("\"typ\":\"oauth-client-attestation+jwt\""), wia.out);

        Cli keys = cli(environment, "--state", state, "keys", "--count", "2", "--profile", "ts3");
        assertEquals(0, keys.status, keys.err);
        assertTrue(keys.out.contains("\"typ\":\"keyattestation+jwt\""), keys.out);
        String kid = keys.out.lines().filter(line -> line.startsWith("key ")).findFirst().orElseThrow().substring(4);

        String input = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + ".e30";
        Cli sign = cli(environment, "--state", state, "sign", "--kid", kid, "--input", input);
        assertEquals(0, sign.status, sign.err);
        assertEquals(64, Base64.getUrlDecoder().decode(sign.out.strip()).length);

        Cli wrongPin = cli(Map.of(), "--state", state, "keys", "--pin", "000000");
        assertEquals(1, wrongPin.status);
        assertTrue(wrongPin.err.contains("invalid_pin"), wrongPin.err);
    }

    @Test
    void aRevokedInstanceIsRefusedWith403AndItsAttestationsAreRevoked() throws Exception {
        ReferenceWallet wallet = ReferenceWallet.register(walletProvider, "112233");
        wallet.walletInstanceAttestation();
        wallet.generateKeys("112233", 1, "ts3", null);

        HttpResponse<String> revoked = revoke(wallet.instanceId(), "administrator:admin-test-pw");

        assertEquals(200, revoked.statusCode(), revoked.body());
        assertTrue(revoked.body().contains("\"attestations_revoked\":2"), revoked.body());
        PlatformRefusal refusal = assertThrows(PlatformRefusal.class, wallet::walletInstanceAttestation);
        assertEquals(403, refusal.status());
        assertEquals("instance_revoked", refusal.error());
        assertEquals("instance_revoked", assertThrows(PlatformRefusal.class, () -> wallet.generateKeys("112233", 1, "ts3", null)).error());
        assertTrue(revoke(wallet.instanceId(), "administrator:admin-test-pw").body().contains("\"already_revoked\":true"));
    }

    @Test
    void onlyAnAdministratorRevokesAndAnUnknownInstanceIs404() throws Exception {
        ReferenceWallet wallet = ReferenceWallet.register(walletProvider, "112233");
        assertEquals(403, revoke(wallet.instanceId(), "compliance-officer:compliance-test-pw").statusCode());
        assertEquals(401, revoke(wallet.instanceId(), "administrator:wrong").statusCode());
        assertEquals(404, revoke("no-such-instance", "administrator:admin-test-pw").statusCode());
        assertTrue(!wallet.walletInstanceAttestation().isBlank(), "refused revocations changed nothing");
    }

    @Test
    void theLoadModeRunsTheWholeFlowAndReportsEachEndpoint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path result = dir.resolve("load.json");
        Cli load = cli(Map.of(), "--state", dir.resolve("s.json").toString(), "load", "--operator", "issuer-operator:operator-test-pw",
                "--concurrency", "2", "--duration", "120", "--batch", "2", "--max-issuances", "4", "--out", result.toString());
        assertEquals(0, load.status(), load.err() + load.out());
        assertTrue(load.out().contains("4 issuances, 8 credentials"), load.out());
        assertTrue(load.out().contains("no errors"), load.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) org.jose4j.json.JsonUtil.parseJson(java.nio.file.Files.readString(result));
        assertEquals(8L, ((Number) json.get("credentials")).longValue());
        String endpoints = json.get("latency").toString();
        for (String endpoint : java.util.List.of("register", "wia", "offer", "token", "nonce", "keys", "credential")) {
            assertTrue(endpoints.contains("endpoint=" + endpoint), endpoint + " is timed: " + endpoints);
        }

        Cli credentialOnly = cli(Map.of(), "--state", dir.resolve("s.json").toString(), "load", "--operator", "issuer-operator:operator-test-pw",
                "--concurrency", "2", "--duration", "120", "--batch", "3", "--max-issuances", "3", "--credential-only", "true",
                "--out", dir.resolve("credential-only.json").toString());
        assertEquals(0, credentialOnly.status(), credentialOnly.err() + credentialOnly.out());
        assertTrue(credentialOnly.out().contains("3 issuances, 9 credentials"), "three prepared, then sent: " + credentialOnly.out());
        assertTrue(credentialOnly.err().contains("3 issuances ready"), credentialOnly.err());
    }

    private HttpResponse<String> revoke(String instanceId, String credentials) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(platform.resolve("/admin/v1/wallet-instances/" + instanceId + "/revoke"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"device reported stolen\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Cli(int status, String out, String err) {
    }

    private Cli cli(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] withUrl = new String[args.length + 4];
        withUrl[0] = "--url";
        withUrl[1] = platform.toString();
        withUrl[2] = "--wallet-provider-id";
        withUrl[3] = WalletProviderIT.WALLET_PROVIDER;
        System.arraycopy(args, 0, withUrl, 4, args.length);
        int status = new WalletCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment).run(withUrl);
        return new Cli(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
