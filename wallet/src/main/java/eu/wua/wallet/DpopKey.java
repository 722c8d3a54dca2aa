package eu.wua.wallet;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The wallet's DPoP key (RFC 9449) for one issuer: the access token is bound to it, and every
 * request with the token carries a proof by it. The key lives in this process (a wallet app keeps
 * it in the device's key store); the last {@code DPoP-Nonce} the issuer named goes into the next proof.
 */
public final class DpopKey {

    private final EllipticCurveJsonWebKey key;
    private volatile String nonce;

    private DpopKey(EllipticCurveJsonWebKey key) {
        this.key = key;
    }

    public static DpopKey generate() {
        try {
            return new DpopKey(EcJwkGenerator.generateJwk(EllipticCurves.P256));
        } catch (JoseException e) {
            throw new IllegalStateException("P-256 keys are part of every Java runtime", e);
        }
    }

    /** Remembers the nonce an answer named; null leaves the last one. */
    public void useNonce(String dpopNonce) {
        if (dpopNonce != null) {
            nonce = dpopNonce;
        }
    }

    /** A proof for {@code method uri}; with {@code accessToken} its {@code ath} (at a resource). */
    public String proof(String method, String uri, String accessToken) {
        return proof(method, uri, accessToken, java.time.Instant.now());
    }

    /** A proof made at {@code issuedAt}: a wallet whose clock is off, or a test of the server's window. */
    public String proof(String method, String uri, String accessToken, java.time.Instant issuedAt) {
        JwtClaims claims = new JwtClaims();
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringClaim("htm", method);
        claims.setStringClaim("htu", uri);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        if (nonce != null) {
            claims.setStringClaim("nonce", nonce);
        }
        if (accessToken != null) {
            claims.setStringClaim("ath", sha256(accessToken));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setHeader("typ", "dpop+jwt");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.getHeaders().setObjectHeaderValue("jwk", key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        jws.setKey(key.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("an ES256 signature with a P-256 key cannot fail", e);
        }
    }

    /** RFC 7638 thumbprint of the public key (what the token is bound to). */
    public String thumbprint() {
        return key.calculateBase64urlEncodedThumbprint("SHA-256");
    }

    public JsonWebKey publicKey() {
        try {
            return JsonWebKey.Factory.newJwk(key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
