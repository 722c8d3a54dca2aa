package eu.wua.platform;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.util.Map;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Public keys read from JWKs (a WIA's {@code cnf.jwk}, a KA's {@code attested_keys}, a proof's
 * {@code jwk}, an instance key): EC P-256 only, public members only, coordinates canonical
 * base64url of 32 bytes, and the point on the curve and not the point at infinity.
 */
public final class EcPublicKeys {

    /** The key is not one: the message says why. */
    public static final class NotAKey extends Exception {
        private static final long serialVersionUID = 1L;

        NotAKey(String message) {
            super(message);
        }
    }

    // P-256 (SEC 2 §2.4.2, FIPS 186-4 D.1.2.3)
    private static final BigInteger P = new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger A = P.subtract(BigInteger.valueOf(3));
    private static final BigInteger B = new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
    private static final int COORDINATE_BYTES = 32;

    private EcPublicKeys() {
    }

    @SuppressWarnings("unchecked")
    public static PublicJsonWebKey requireP256(Map<?, ?> jwk) throws NotAKey {
        if (jwk.containsKey("d")) {
            throw new NotAKey("the JWK holds a private key");
        }
        if (!"EC".equals(jwk.get("kty")) || !"P-256".equals(jwk.get("crv"))) {
            throw new NotAKey("the JWK is not an EC P-256 key");
        }
        requireCoordinate(jwk.get("x"), "x");
        requireCoordinate(jwk.get("y"), "y");
        PublicJsonWebKey key;
        try {
            key = PublicJsonWebKey.Factory.newPublicJwk((Map<String, Object>) jwk);
        } catch (JoseException | ClassCastException | IllegalArgumentException e) {
            throw new NotAKey("the JWK is not a public key");
        }
        if (!(key instanceof EllipticCurveJsonWebKey ec) || !(ec.getPublicKey() instanceof ECPublicKey point)) {
            throw new NotAKey("the JWK is not an EC P-256 key");
        }
        requireOnCurve(point.getW());
        return key;
    }

    private static void requireCoordinate(Object value, String name) throws NotAKey {
        if (!(value instanceof String text) || !Base64Url.isCanonical(text) || Base64Url.decode(text).length != COORDINATE_BYTES) {
            throw new NotAKey("the JWK's " + name + " must be the canonical base64url of " + COORDINATE_BYTES + " bytes");
        }
    }

    /** y² = x³ + ax + b (mod p), both coordinates below p; the point at infinity has no affine coordinates. */
    static void requireOnCurve(ECPoint point) throws NotAKey {
        if (ECPoint.POINT_INFINITY.equals(point)) {
            throw new NotAKey("the JWK is the point at infinity");
        }
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
            throw new NotAKey("the JWK's coordinates are not below the field prime");
        }
        if (!y.pow(2).mod(P).equals(x.pow(3).add(A.multiply(x)).add(B).mod(P))) {
            throw new NotAKey("the JWK's point is not on the P-256 curve");
        }
    }
}
