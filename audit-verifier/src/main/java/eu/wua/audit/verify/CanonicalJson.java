package eu.wua.audit.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the values an audit record holds: objects with members
 * sorted by their UTF-16 code units, strings escaped as ECMAScript's JSON.stringify does, integers
 * (a fraction or an exponent is refused: the trail never holds one), booleans and null.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String of(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof Boolean flag) {
            out.append(flag);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            long number = ((Number) value).longValue();
            if (Math.abs(number) > (1L << 53)) {
                throw new IllegalArgumentException("an integer beyond 2^53 has no exact JSON number: " + number);
            }
            out.append(number);
        } else if (value instanceof Map<?, ?> map) {
            List<String> names = new ArrayList<>();
            for (Object name : map.keySet()) {
                names.add((String) name);
            }
            names.sort(String::compareTo); // String.compareTo orders by UTF-16 code units, as RFC 8785 §3.2.3 asks
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(names.get(i), out);
                out.append(':');
                write(((Map<String, Object>) map).get(names.get(i)), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no canonical JSON for a " + value.getClass().getSimpleName());
        }
    }

    /** RFC 8785 §3.2.2.2: the short escapes, other controls as lower-case {@code \\u00xx}, everything else as is. */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
