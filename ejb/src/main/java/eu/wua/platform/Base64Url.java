package eu.wua.platform;

import java.util.Base64;

/**
 * base64url without padding (RFC 7515 §2), read strictly: only the alphabet, no padding, the unused
 * bits of the last character zero. Every byte string then has one spelling, so that a signed object
 * read twice in two spellings is recognised as the same object (a lenient decoder let junk
 * characters, {@code ==} and other trailing bits make "new" Key Attestations that verify).
 */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static boolean isCanonical(String text) {
        if (text == null || text.length() % 4 == 1) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return ENCODER.encodeToString(DECODER.decode(text)).equals(text);
    }

    /** The bytes of a canonical spelling; {@link IllegalArgumentException} for any other. */
    public static byte[] decode(String text) {
        if (!isCanonical(text)) {
            throw new IllegalArgumentException("not canonical base64url");
        }
        return DECODER.decode(text);
    }

    /** Whether every segment of a compact JWS is canonical base64url (the signature may be empty only for {@code alg: none}, refused later). */
    public static boolean isCanonicalCompact(String compact) {
        String[] segments = compact.split("\\.", -1);
        for (String segment : segments) {
            if (!isCanonical(segment)) {
                return false;
            }
        }
        return true;
    }
}
