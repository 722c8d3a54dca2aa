package eu.wua.platform;

/** The vocabulary of OAuth 2.0 Attestation-Based Client Authentication (draft-ietf-oauth-attestation-based-client-auth-07). */
public final class OAuthClientAttestation {

    /** §5.1: the client attestation (a WIA). */
    public static final String ATTESTATION_TYPE = "oauth-client-attestation+jwt";
    /** §5.2: its proof of possession. */
    public static final String POP_TYPE = "oauth-client-attestation-pop+jwt";
    /** §6.1: the headers that carry them. */
    public static final String ATTESTATION_HEADER = "OAuth-Client-Attestation";
    public static final String POP_HEADER = "OAuth-Client-Attestation-PoP";

    private OAuthClientAttestation() {
    }
}
