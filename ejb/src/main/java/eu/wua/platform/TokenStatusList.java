package eu.wua.platform;

/** The vocabulary of the Token Status List (draft-ietf-oauth-status-list). */
public final class TokenStatusList {

    /** §5.1: the {@code typ} of a Status List Token. */
    public static final String TYPE = "statuslist+jwt";
    /** §8.1: its media type when served. */
    public static final String MEDIA_TYPE = "application/statuslist+jwt";

    private TokenStatusList() {
    }
}
