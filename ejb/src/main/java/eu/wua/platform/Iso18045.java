package eu.wua.platform;

import java.util.List;

/**
 * The attack-potential levels of ISO/IEC 18045 as OpenID4VCI 1.0 App. D.2 names them in
 * {@code key_storage} and {@code user_authentication}: what a Key Attestation states and what a
 * credential configuration requires.
 */
public final class Iso18045 {

    /** Strongest first. */
    public static final List<String> LEVELS = List.of("iso_18045_high", "iso_18045_moderate", "iso_18045_enhanced-basic", "iso_18045_basic");

    public static final String HIGH = LEVELS.get(0);

    private Iso18045() {
    }

    /** Whether {@code text} names a level (an immutable list's {@code contains} throws on null: this does not). */
    public static boolean isLevel(String text) {
        return text != null && LEVELS.contains(text);
    }

    /** The levels at least as strong as {@code weakest}, strongest first (the strongest alone when {@code weakest} is no level). */
    public static List<String> atLeast(String weakest) {
        int index = weakest == null ? -1 : LEVELS.indexOf(weakest);
        return LEVELS.subList(0, index < 0 ? 1 : index + 1);
    }
}
