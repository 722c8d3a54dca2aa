package eu.wua.platform;

/** The vocabulary of SD-JWT-based Verifiable Credentials (draft-ietf-oauth-sd-jwt-vc). */
public final class SdJwtVc {

    /** §3.2.1: the {@code typ} of the issuer-signed JWT, and the OpenID4VCI credential format identifier. */
    public static final String TYPE = "dc+sd-jwt";

    private SdJwtVc() {
    }
}
