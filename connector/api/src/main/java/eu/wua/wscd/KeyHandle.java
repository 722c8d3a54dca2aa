package eu.wua.wscd;

import java.util.regex.Pattern;

/** A reference to a key inside the WSCD: {@code owner/label}. It names a key; it is not the key. */
public record KeyHandle(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}/[A-Za-z0-9._-]{1,64}");

    public KeyHandle {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("key handle must be owner/label of A-Z a-z 0-9 . _ -");
        }
    }

    public static KeyHandle of(KeyOwner owner, String label) {
        return new KeyHandle(owner.value() + "/" + label);
    }

    public KeyOwner owner() {
        return new KeyOwner(value.substring(0, value.indexOf('/')));
    }

    public String label() {
        return value.substring(value.indexOf('/') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
