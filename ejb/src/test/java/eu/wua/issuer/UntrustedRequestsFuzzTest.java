package eu.wua.issuer;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;

import jakarta.json.JsonObject;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import eu.wua.platform.EcPublicKeys;
import eu.wua.platform.RequestBody;
import eu.wua.status.StatusListFormat;

/**
 * The fuzz suite over the rest of what arrives from outside (issue #18): request bodies, token
 * request forms, credential requests, JWKs, status list contents and SD-JWT VCs. Each parser
 * answers or refuses with its own refusal type; nothing else escapes, within a few seconds.
 */
class UntrustedRequestsFuzzTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    interface Parse {
        void run() throws Exception;
    }

    /** {@code parse} returns or throws one of {@code refusals}. */
    @SafeVarargs
    private static void answersOrRefuses(Parse parse, Class<? extends Exception>... refusals) {
        assertTimeoutPreemptively(BOUND, () -> {
            try {
                parse.run();
            } catch (Exception e) {
                for (Class<? extends Exception> refusal : refusals) {
                    if (refusal.isInstance(e)) {
                        return;
                    }
                }
                throw new AssertionError("the parser let " + e + " escape", e);
            } catch (StackOverflowError e) {
                fail("the parser recursed without bound");
            }
        });
    }

    @Property(tries = 300)
    void anyBytesAsARequestBodyAreAJsonObjectOrRefused(@ForAll("bodies") byte[] body) {
        answersOrRefuses(() -> RequestBody.optionalJsonObject(new ByteArrayInputStream(body)), RequestBody.Refused.class);
    }

    @Property(tries = 300)
    void anyJsonObjectAsACredentialRequestIsParsedOrRefused(@ForAll("bodies") byte[] body) {
        answersOrRefuses(() -> {
            JsonObject json;
            try {
                json = RequestBody.jsonObject(new ByteArrayInputStream(body));
            } catch (RequestBody.Refused refused) {
                return;
            }
            CredentialRequest.parse(json);
        }, IssuanceRejection.class);
    }

    @Property(tries = 300)
    void anyFormAsATokenRequestIsParsedOrRefused(@ForAll("forms") String form) {
        answersOrRefuses(() -> TokenRequest.parse(form), IssuanceRejection.class);
    }

    @Property(tries = 300)
    void anyMapAsAJwkIsAP256KeyOrRefused(@ForAll("jwks") Map<String, Object> jwk) {
        answersOrRefuses(() -> EcPublicKeys.requireP256(jwk), EcPublicKeys.NotAKey.class);
    }

    @Property(tries = 300)
    void anyTextAsAStatusListIsDecompressedWithinItsLimitOrRefused(@ForAll @StringLength(max = 2000) String lst) {
        answersOrRefuses(() -> assertTrue(StatusListFormat.decompress(lst, 4096).length <= 4096),
                java.util.zip.DataFormatException.class, IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void anyTildeSeparatedTextAsAnSdJwtVcIsCheckedOrRefused(@ForAll @Size(max = 6) java.util.List<@StringLength(max = 300) String> pieces)
            throws Exception {
        KeyPair issuer = TestWalletProvider.key();
        String[] parts = pieces.isEmpty() ? new String[] {""} : pieces.toArray(String[]::new);
        answersOrRefuses(() -> AttestationInspector.checkSdJwtVc(parts, issuer.getPublic(), IssuerFixture.NOW, Checks.forIssuance()),
                IssuanceRejection.class);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> json = Arbitraries.oneOf(
                Arbitraries.of("{}", "[]", "null", "{\"credential_configuration_id\":1}", "{\"proofs\":{\"jwt\":[1,2]}}",
                        "{\"credential_configuration_id\":\"x\",\"proofs\":{\"jwt\":[\"a.b.c\"],\"attestation\":[]}}",
                        "{\"proofs\":{\"jwt\":\"a.b.c\"}}", "{\"a\":\"\\u0000\"}", "{\"a\":1e999999}", "\"text\""),
                Arbitraries.integers().between(1, 3000).map(depth -> "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}"),
                Arbitraries.strings().ofMaxLength(300));
        return Arbitraries.oneOf(json.map(text -> text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }

    @Provide
    Arbitrary<String> forms() {
        Arbitrary<String> name = Arbitraries.of("grant_type", "pre-authorized_code", "tx_code", "x", "", "%", "%zz", "grant_type%00");
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(eu.wua.platform.OpenId4Vci.PRE_AUTHORIZED_GRANT, "%E0%A4%A", "%", "a+b",
                "%00"), Arbitraries.strings().ofMaxLength(50));
        return net.jqwik.api.Combinators.combine(name, value).as((n, v) -> n + "=" + v).list().ofMaxSize(5)
                .map(pairs -> String.join("&", pairs));
    }

    @Provide
    Arbitrary<Map<String, Object>> jwks() {
        Arbitrary<Object> coordinate = Arbitraries.oneOf(Arbitraries.strings().withChars("ABCDEFabcdef0123456789-_=+/").ofMaxLength(60)
                .map(s -> (Object) s), Arbitraries.just((Object) "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.just(null));
        return net.jqwik.api.Combinators.combine(Arbitraries.of("EC", "RSA", "OKP", ""), Arbitraries.of("P-256", "P-384", "secp256k1", ""),
                coordinate, coordinate).as((kty, crv, x, y) -> {
                    Map<String, Object> jwk = new java.util.HashMap<>();
                    jwk.put("kty", kty);
                    jwk.put("crv", crv);
                    jwk.put("x", x);
                    jwk.put("y", y);
                    return jwk;
                });
    }
}
