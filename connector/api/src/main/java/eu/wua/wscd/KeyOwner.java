package eu.wua.wscd;

import java.util.regex.Pattern;

/**
 * Who a key belongs to: a wallet instance id, or {@code platform} for the platform's own keys.
 * Restricted to characters every PKCS#11 token accepts in a label.
 */
public record KeyOwner(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public static final KeyOwner PLATFORM = new KeyOwner("platform");

    public KeyOwner {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("key owner must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
