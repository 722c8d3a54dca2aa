package eu.wua.issuer;

import static eu.wua.issuer.IssuerFixture.NOW;
import static eu.wua.issuer.IssuerFixture.assertRefusedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.testing.JdkEcTripwire;

/** RFC 9449's checks of a DPoP proof, one sentence and one reason each. */
@ExtendWith(JdkEcTripwire.class)
class DpopProofVerifierTest {

    private static final String TOKEN_ENDPOINT = IssuerFixture.ISSUER + "/issuer/token";
    private static final DpopProofVerifier.Request AT_TOKEN = new DpopProofVerifier.Request("POST", TOKEN_ENDPOINT, Optional.empty());
    private static final DpopProofVerifier.Request AT_CREDENTIAL = new DpopProofVerifier.Request("POST",
            IssuerFixture.ISSUER + "/issuer/credential", Optional.of("the-access-token"));

    private final IssuerFixture fixture = new IssuerFixture();
    private final DpopProofVerifier verifier = new DpopProofVerifier(fixture.singleUse, fixture.settings);
    private final KeyPair key = TestWalletProvider.key();
    private final String nonce = fixture.singleUse.issueDpopNonce("dpop-nonce-1", NOW.plus(Duration.ofMinutes(5)));

    DpopProofVerifierTest() throws Exception {
    }

    private Map<String, Object> header() throws Exception {
        Map<String, Object> header = IssuerFixture.header(DpopProofVerifier.TYPE, "ES256");
        header.put("jwk", IssuerFixture.jwk(key));
        return header;
    }

    private Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", "jti-" + System.nanoTime());
        claims.put("htm", "POST");
        claims.put("htu", TOKEN_ENDPOINT);
        claims.put("iat", NOW.getEpochSecond());
        claims.put("nonce", nonce);
        return claims;
    }

    private String proof(Map<String, Object> header, Map<String, Object> claims) throws Exception {
        return TestWalletProvider.jws(header, claims, key.getPrivate());
    }

    @Test
    void aProofByItsJwkForThisRequestGivesTheKeysThumbprint() throws Exception {
        String thumbprint = verifier.verify(proof(header(), claims()), AT_TOKEN, NOW);
        assertEquals(PublicJsonWebKey.Factory.newPublicJwk(key.getPublic()).calculateBase64urlEncodedThumbprint("SHA-256"), thumbprint);
    }

    @Test
    void aRequestWithoutAProofIsRefusedForTheMissingProof() {
        assertRefusedFor(Reason.DPOP_REQUIRED, () -> verifier.verify(null, AT_TOKEN, NOW));
        assertRefusedFor(Reason.DPOP_REQUIRED, () -> verifier.verify(" ", AT_TOKEN, NOW));
    }

    @Test
    void aProofThatIsNotOneCompactJwsIsMalformed() {
        assertRefusedFor(Reason.DPOP_MALFORMED, () -> verifier.verify("not.a-jws", AT_TOKEN, NOW));
    }

    @Test
    void aProofWithAnotherTypIsRefusedForItsType() throws Exception {
        Map<String, Object> header = header();
        header.put("typ", "JWT");
        assertRefusedFor(Reason.DPOP_TYPE, () -> verifier.verify(proof(header, claims()), AT_TOKEN, NOW));
    }

    @Test
    void anHmacOrUnsignedProofIsRefusedForItsAlgorithm() throws Exception {
        Map<String, Object> hmac = header();
        hmac.put("alg", "HS256");
        assertRefusedFor(Reason.DPOP_ALGORITHM, () -> verifier.verify(TestWalletProvider.jws(hmac, claims(),
                new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256")), AT_TOKEN, NOW));
        Map<String, Object> none = header();
        none.put("alg", "none");
        assertRefusedFor(Reason.DPOP_ALGORITHM, () -> verifier.verify(TestWalletProvider.jws(none, claims(), null), AT_TOKEN, NOW));
    }

    @Test
    void aProofWithoutAPublicP256JwkOrWithPrivateKeyMaterialIsRefusedForItsKey() throws Exception {
        Map<String, Object> noKey = header();
        noKey.remove("jwk");
        assertRefusedFor(Reason.DPOP_KEY, () -> verifier.verify(proof(noKey, claims()), AT_TOKEN, NOW));
        Map<String, Object> withPrivate = header();
        Map<String, Object> jwk = new LinkedHashMap<>(IssuerFixture.jwk(key));
        jwk.put("d", "AAAA");
        withPrivate.put("jwk", jwk);
        assertRefusedFor(Reason.DPOP_KEY, () -> verifier.verify(proof(withPrivate, claims()), AT_TOKEN, NOW));
    }

    @Test
    void aProofSignedByAnotherKeyThanItsJwkIsRefusedForItsSignature() throws Exception {
        assertRefusedFor(Reason.DPOP_SIGNATURE, () -> verifier.verify(TestWalletProvider.jws(header(), claims(),
                TestWalletProvider.key().getPrivate()), AT_TOKEN, NOW));
    }

    @Test
    void aProofWhosePayloadIsNotJsonIsRefusedForItsClaims() throws Exception {
        assertRefusedFor(Reason.DPOP_CLAIMS, () -> verifier.verify(TestWalletProvider.jwsRaw(header(), "not json", key.getPrivate()),
                AT_TOKEN, NOW));
    }

    @Test
    void aProofForAnotherMethodOrUriIsRefused() throws Exception {
        assertRefusedFor(Reason.DPOP_METHOD, () -> verifier.verify(proof(header(), IssuerFixture.changed(claims(), "htm", "GET")), AT_TOKEN, NOW));
        assertRefusedFor(Reason.DPOP_URI, () -> verifier.verify(proof(header(), IssuerFixture.changed(claims(), "htu",
                IssuerFixture.ISSUER + "/issuer/credential")), AT_TOKEN, NOW));
        assertRefusedFor(Reason.DPOP_URI, () -> verifier.verify(proof(header(), IssuerFixture.changed(claims(), "htu", null)), AT_TOKEN, NOW));
        // RFC 9449 §4.3: query and fragment are not compared, scheme and host case-insensitively
        verifier.verify(proof(header(), IssuerFixture.changed(claims(), "htu", "HTTPS://Issuer.Example/issuer/token?x=1")), AT_TOKEN, NOW);
    }

    @Test
    void aStaleOrFutureProofIsRefusedForItsIssuedAt() throws Exception {
        assertRefusedFor(Reason.DPOP_ISSUED_AT, () -> verifier.verify(proof(header(), IssuerFixture.changed(claims(), "iat",
                NOW.minus(Duration.ofMinutes(10)).getEpochSecond())), AT_TOKEN, NOW));
        assertRefusedFor(Reason.DPOP_ISSUED_AT, () -> verifier.verify(proof(header(), IssuerFixture.changed(claims(), "iat",
                NOW.plus(Duration.ofMinutes(10)).getEpochSecond())), AT_TOKEN, NOW));
    }

    @Test
    void aProofWithoutTheServersNonceIsAskedToUseIt() throws Exception {
        assertRefusedFor(Reason.DPOP_NONCE, () -> verifier.verify(proof(header(), IssuerFixture.changed(claims(), "nonce", null)), AT_TOKEN, NOW));
        assertRefusedFor(Reason.DPOP_NONCE, () -> verifier.verify(proof(header(), IssuerFixture.changed(claims(), "nonce", "made-up")),
                AT_TOKEN, NOW));
        Instant later = NOW.plus(Duration.ofMinutes(6));
        assertRefusedFor(Reason.DPOP_NONCE, () -> verifier.verify(proof(header(), IssuerFixture.changed(claims(), "iat", later.getEpochSecond())),
                AT_TOKEN, later));
    }

    @Test
    void aReplayedProofOrOneWithoutAJtiIsRefusedForItsJti() throws Exception {
        String proof = proof(header(), claims());
        verifier.verify(proof, AT_TOKEN, NOW);
        assertRefusedFor(Reason.DPOP_JTI, () -> verifier.verify(proof, AT_TOKEN, NOW));
        assertRefusedFor(Reason.DPOP_JTI, () -> verifier.verify(proof(header(), IssuerFixture.changed(claims(), "jti", null)), AT_TOKEN, NOW));
    }

    @Test
    void atTheCredentialEndpointTheProofHashesTheAccessToken() throws Exception {
        Map<String, Object> claims = IssuerFixture.changed(claims(), "htu", IssuerFixture.ISSUER + "/issuer/credential");
        assertRefusedFor(Reason.DPOP_ACCESS_TOKEN_HASH, () -> verifier.verify(proof(header(), claims), AT_CREDENTIAL, NOW));
        claims.put("jti", "jti-ath");
        claims.put("ath", DpopProofVerifier.accessTokenHash("another-token"));
        assertRefusedFor(Reason.DPOP_ACCESS_TOKEN_HASH, () -> verifier.verify(proof(header(), claims), AT_CREDENTIAL, NOW));
        claims.put("ath", DpopProofVerifier.accessTokenHash("the-access-token"));
        verifier.verify(proof(header(), claims), AT_CREDENTIAL, NOW);
    }
}
