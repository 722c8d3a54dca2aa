package eu.wua.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

/** Public keys and base64url as an attacker would spell them: one spelling per key, every point on the curve. */
class EcPublicKeysTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static Map<String, Object> validJwk() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return new HashMap<>(PublicJsonWebKey.Factory.newPublicJwk(generator.generateKeyPair().getPublic())
                .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = new byte[32];
        byte[] raw = value.toByteArray();
        System.arraycopy(raw, Math.max(0, raw.length - 32), bytes, Math.max(0, 32 - raw.length), Math.min(32, raw.length));
        return B64.encodeToString(bytes);
    }

    private static String refusal(Map<String, Object> jwk) {
        return assertThrows(EcPublicKeys.NotAKey.class, () -> EcPublicKeys.requireP256(jwk)).getMessage();
    }

    @Test
    void aP256PublicKeyPasses() throws Exception {
        Map<String, Object> jwk = validJwk();
        assertEquals(jwk.get("x"), EcPublicKeys.requireP256(jwk).toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).get("x"));
    }

    @Test
    void aPointOffTheCurveOrWithYZeroIsRefused() throws Exception {
        Map<String, Object> offCurve = validJwk();
        offCurve.put("y", coordinate(new BigInteger(1, Base64.getUrlDecoder().decode((String) offCurve.get("y"))).add(BigInteger.ONE)));
        assertTrue(refusal(offCurve).contains("not on the P-256 curve"));
        Map<String, Object> yZero = validJwk();
        yZero.put("y", coordinate(BigInteger.ZERO));
        assertTrue(refusal(yZero).contains("not on the P-256 curve"));
    }

    @Test
    void coordinatesThatAreNotTheCanonicalSpellingOf32BytesAreRefused() throws Exception {
        Map<String, Object> padded = validJwk();
        padded.put("x", padded.get("x") + "=");
        assertTrue(refusal(padded).contains("canonical"));
        Map<String, Object> junk = validJwk();
        junk.put("x", "!" + ((String) junk.get("x")).substring(1));
        assertTrue(refusal(junk).contains("canonical"));
        Map<String, Object> shortCoordinate = validJwk();
        shortCoordinate.put("x", B64.encodeToString(new byte[31]));
        assertTrue(refusal(shortCoordinate).contains("32 bytes"));
    }

    @Test
    void aPrivateKeyOrAnotherCurveIsRefused() throws Exception {
        Map<String, Object> withPrivate = validJwk();
        withPrivate.put("d", B64.encodeToString(new byte[32]));
        assertTrue(refusal(withPrivate).contains("private"));
        Map<String, Object> otherCurve = validJwk();
        otherCurve.put("crv", "P-384");
        assertTrue(refusal(otherCurve).contains("P-256"));
    }

    @Test
    void base64urlHasOneSpelling() {
        String canonical = B64.encodeToString(new byte[] {1, 2, 3, 4});
        assertTrue(Base64Url.isCanonical(canonical));
        assertFalse(Base64Url.isCanonical(canonical + "=="), "padding");
        assertFalse(Base64Url.isCanonical(canonical.substring(0, canonical.length() - 1) + "J"), "other unused bits in the last character");
        assertFalse(Base64Url.isCanonical("AQID BA"), "a space");
        assertFalse(Base64Url.isCanonical("AQID%BA"), "a character outside the alphabet");
        assertFalse(Base64Url.isCanonical("A"), "a length no bytes have");
        assertTrue(Base64Url.isCanonical(""), "the empty string is the empty byte string");
    }
}
