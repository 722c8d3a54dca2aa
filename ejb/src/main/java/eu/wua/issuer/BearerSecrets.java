package eu.wua.issuer;

import java.security.SecureRandom;
import java.util.Base64;

/** The random values that are secrets to whoever holds them (codes, request URIs, sessions, refresh tokens): 256 bits, base64url. */
public final class BearerSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private BearerSecrets() {
    }

    public static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
