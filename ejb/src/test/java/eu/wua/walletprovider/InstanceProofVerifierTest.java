package eu.wua.walletprovider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.testing.JdkEcTripwire;
import eu.wua.walletprovider.WalletProviderRejection.Reason;

/** Every verification here runs with the JDK's own ECDSA verification tripped ({@link JdkEcTripwire}). */
@ExtendWith(JdkEcTripwire.class)
class InstanceProofVerifierTest {

    private static final String WP = "https://wp.example/wallet-provider";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final InstanceProofVerifier verifier = new InstanceProofVerifier(WP);
    private final KeyPair instanceKey = newKey();

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtClaims claims(String audience, Instant issuedAt) {
        JwtClaims claims = new JwtClaims();
        claims.setAudience(audience);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setJwtId("jti-1");
        claims.setStringClaim("nonce", "n-1");
        return claims;
    }

    private static String sign(JwtClaims claims, String typ, java.security.Key key, String algorithm) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setHeader("typ", typ);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        if (key != null) {
            jws.setKey(key);
        }
        return jws.getCompactSerialization();
    }

    private Reason rejectionOf(String proof) {
        return assertThrows(WalletProviderRejection.class, () -> verifier.verify(proof, instanceKey.getPublic(), NOW)).reason();
    }

    @Test
    void aProofByTheInstanceKeyForThisWalletProviderPasses() throws Exception {
        InstanceProof proof = verifier.verify(sign(claims(WP, NOW), InstanceProofVerifier.TYPE, instanceKey.getPrivate(), "ES256"),
                instanceKey.getPublic(), NOW);
        assertEquals("jti-1", proof.jti());
        assertEquals("n-1", proof.nonce());
    }

    @Test
    void eachBrokenRuleHasItsOwnReason() throws Exception {
        assertEquals(Reason.PROOF_ALGORITHM, rejectionOf(sign(claims(WP, NOW), InstanceProofVerifier.TYPE, null, "none")));
        // HS256 keyed with the public key's bytes: the classic algorithm confusion
        assertEquals(Reason.PROOF_ALGORITHM, rejectionOf(sign(claims(WP, NOW), InstanceProofVerifier.TYPE,
                new HmacKey(instanceKey.getPublic().getEncoded()), "HS256")));
        assertEquals(Reason.PROOF_SIGNATURE, rejectionOf(sign(claims(WP, NOW), InstanceProofVerifier.TYPE, newKey().getPrivate(), "ES256")));
        assertEquals(Reason.PROOF_TYPE, rejectionOf(sign(claims(WP, NOW), "JWT", instanceKey.getPrivate(), "ES256")));
        assertEquals(Reason.PROOF_AUDIENCE, rejectionOf(sign(claims("https://other", NOW), InstanceProofVerifier.TYPE, instanceKey.getPrivate(), "ES256")));
        assertEquals(Reason.PROOF_ISSUED_AT, rejectionOf(sign(claims(WP, NOW.minus(Duration.ofSeconds(61))),
                InstanceProofVerifier.TYPE, instanceKey.getPrivate(), "ES256")));
        assertEquals(Reason.PROOF_ISSUED_AT, rejectionOf(sign(claims(WP, NOW.plus(Duration.ofSeconds(61))),
                InstanceProofVerifier.TYPE, instanceKey.getPrivate(), "ES256")));
        assertEquals(Reason.PROOF_MALFORMED, rejectionOf("a.b"));
        assertEquals(Reason.PROOF_MALFORMED, rejectionOf("x".repeat(9000) + ".a.b"));
    }

    @Test
    void aProofSpeltInNonCanonicalBase64urlIsMalformed() throws Exception {
        String proof = sign(claims(WP, NOW), InstanceProofVerifier.TYPE, instanceKey.getPrivate(), "ES256");
        assertEquals(Reason.PROOF_MALFORMED, rejectionOf(proof + "=="));
        assertEquals(Reason.PROOF_MALFORMED, rejectionOf(proof.substring(0, 5) + "%" + proof.substring(5)));
    }

    @Test
    void aProofWithoutJtiOrNonceIsRefused() throws Exception {
        JwtClaims noJti = claims(WP, NOW);
        noJti.unsetClaim("jti");
        assertEquals(Reason.PROOF_JTI_MISSING, rejectionOf(sign(noJti, InstanceProofVerifier.TYPE, instanceKey.getPrivate(), "ES256")));
        JwtClaims noNonce = claims(WP, NOW);
        noNonce.unsetClaim("nonce");
        assertEquals(Reason.PROOF_NONCE_UNKNOWN_USED_OR_EXPIRED,
                rejectionOf(sign(noNonce, InstanceProofVerifier.TYPE, instanceKey.getPrivate(), "ES256")));
    }

    @Test
    void aWiaLifetimeOf24HoursOrMoreIsRefusedAtStartUp() {
        WalletProviderSettings.requireWiaLifetimeUnder24Hours(Duration.ofHours(23).plusMinutes(59));
        assertThrows(IllegalStateException.class, () -> WalletProviderSettings.requireWiaLifetimeUnder24Hours(Duration.ofHours(24)));
        assertThrows(IllegalStateException.class, () -> WalletProviderSettings.requireWiaLifetimeUnder24Hours(Duration.ZERO));
    }
}
