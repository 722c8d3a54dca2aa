package eu.wua.platform;

/**
 * What JSON and text from outside may hold before a parser or the database sees them: nesting of at
 * most {@link #MAX_DEPTH} levels (a recursive parser overflows its stack on thousands), no NUL
 * (PostgreSQL refuses one in a text column with an error), and identifiers without control characters.
 */
public final class JsonLimits {

    public static final int MAX_DEPTH = 64;

    private JsonLimits() {
    }

    /** Whether the text nests objects and arrays at most {@link #MAX_DEPTH} deep (strings skipped, escapes honoured). */
    public static boolean withinDepth(String json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    return false;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return true;
    }

    /** Whether a string from outside is free of control characters (C0, DEL, C1). */
    public static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                return false;
            }
        }
        return true;
    }

    /** Whether the JSON text holds no NUL, raw or as the escape {@code \\u0000} (other escaped control characters are text). */
    public static boolean withoutNul(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == 0) {
                return false;
            }
            if (c == '\\' && i + 1 < json.length()) {
                if (json.charAt(i + 1) == 'u' && json.startsWith("0000", i + 2)) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
