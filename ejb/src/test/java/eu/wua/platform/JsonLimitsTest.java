package eu.wua.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** JSON and identifiers from outside: bounded nesting, no NUL, no control characters where none belong. */
class JsonLimitsTest {

    @Test
    void nestingBeyondTheLimitIsRefusedAndBracketsInStringsDoNotCount() {
        assertTrue(JsonLimits.withinDepth("[".repeat(JsonLimits.MAX_DEPTH) + "]".repeat(JsonLimits.MAX_DEPTH)));
        assertFalse(JsonLimits.withinDepth("[".repeat(JsonLimits.MAX_DEPTH + 1)));
        assertFalse(JsonLimits.withinDepth("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)));
        assertTrue(JsonLimits.withinDepth("{\"a\": \"" + "[".repeat(5000) + "\"}"));
        assertTrue(JsonLimits.withinDepth("{\"a\": \"\\\"[[[[\"}"));
    }

    @Test
    void aNulRawOrEscapedIsFoundButAnEscapedBackslashIsNot() {
        assertFalse(JsonLimits.withoutNul("{\"jti\": \"a\u0000b\"}"));
        assertFalse(JsonLimits.withoutNul("{\"jti\": \"a\\u0000b\"}"));
        assertTrue(JsonLimits.withoutNul("{\"jti\": \"a\\\\u0000b\"}"));
        assertTrue(JsonLimits.withoutNul("{\"reason\": \"lost\\nphone\"}"));
    }

    @Test
    void identifiersWithControlCharactersAreNotPrintable() {
        assertTrue(JsonLimits.printable("c-nonce_1.é"));
        assertFalse(JsonLimits.printable("a\u0000"));
        assertFalse(JsonLimits.printable("a\nb"));
        assertFalse(JsonLimits.printable("a\u007f"));
        assertFalse(JsonLimits.printable("a\u0085"));
    }
}
