package eu.wua.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.json.JsonObject;

/**
 * Writes a compact JWS (RFC 7515 §7.1) whose signature comes from the WSCD: jose4j verifies, but
 * it cannot sign with a key it is not given, and the platform's keys are never given out.
 */
public final class CompactJws {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private CompactJws() {
    }

    /** {@code signer} signs the ASCII signing input with ES256 and answers r‖s (RFC 7518 §3.4). */
    public static String sign(JsonObject header, JsonObject payload, Es256Signer signer) throws Exception {
        String signingInput = encode(header.toString()) + "." + encode(payload.toString());
        byte[] signature = signer.signEs256(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(signature);
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
