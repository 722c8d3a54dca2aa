package eu.wua.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's own behaviour; what it does against a platform is tested by the web module's ReferenceWalletIT. */
class WalletCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return new WalletCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment).run(args);
    }

    @Test
    void withoutACommandItPrintsTheUsageAndExits2() {
        assertEquals(2, run(Map.of()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: wallet"));
    }

    @Test
    void anUnknownCommandOrAMissingPinIsAUsageError() {
        assertEquals(2, run(Map.of(), "fly"));
        assertEquals(2, run(Map.of(), "register"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("a PIN is needed"));
    }

    @Test
    void commandsThatNeedAnInstanceSayHowToGetOne(@TempDir Path dir) {
        assertEquals(2, run(Map.of(), "--state", dir.resolve("s.json").toString(), "wia"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("run 'register --pin PIN' first"));
    }

    @Test
    void anUnreachablePlatformExits3WithoutAStackTrace(@TempDir Path dir) {
        assertEquals(3, run(Map.of("WUA_WALLET_PIN", "123456"), "--url", "http://127.0.0.1:1", "--state",
                dir.resolve("s.json").toString(), "register"));
        assertTrue(!err.toString(StandardCharsets.UTF_8).contains("\tat "), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void decodePrintsHeaderAndClaims() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("decoded-subject");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue("ES256");
        jws.setKey(ReferenceWallet.newInstanceKey().getPrivateKey());

        assertEquals(0, run(Map.of(), "decode", jws.getCompactSerialization()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"sub\":\"decoded-subject\""), out.toString(StandardCharsets.UTF_8));
        assertEquals(2, run(Map.of(), "decode", "not-a-jwt"));
    }

    @Test
    void theLoadModeStaysOnThisMachineAndWithinItsBounds() {
        assertEquals(2, run(Map.of(), "--url", "http://pid.example.eu", "load", "--operator", "u:p"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not loopback"));
        assertEquals(2, run(Map.of(), "load", "--operator", "u:p", "--concurrency", "100000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--concurrency must be between 1 and 256"));
        assertEquals(2, run(Map.of(), "load", "--operator", "u:p", "--proof", "none"));
        assertEquals(2, run(Map.of(), "load"));
        assertEquals(2, run(Map.of(), "load", "--operator", "u:p", "--credential-only", "true"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs --max-issuances"));
    }

    @Test
    void percentilesAreNearestRank() {
        java.util.List<Long> nanos = java.util.stream.LongStream.rangeClosed(1, 100).map(ms -> ms * 1_000_000).boxed()
                .collect(java.util.stream.Collectors.toList());
        assertEquals(50.0, LoadRun.percentile(nanos, 50));
        assertEquals(99.0, LoadRun.percentile(nanos, 99));
        assertEquals(100.0, LoadRun.latency("x", nanos).max());
    }
}
