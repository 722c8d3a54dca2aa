package eu.wua.platform;

/** The vocabulary of OpenID for Verifiable Credential Issuance 1.0 this platform speaks. */
public final class OpenId4Vci {

    /** §4.1.1: the grant of an offer with a pre-authorized code. */
    public static final String PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
    /** App. F.1: the {@code typ} of a {@code jwt} proof. */
    public static final String PROOF_TYPE = "openid4vci-proof+jwt";
    /** App. D.1: the {@code typ} of a Key Attestation. */
    public static final String KEY_ATTESTATION_TYPE = "key-attestation+jwt";

    private OpenId4Vci() {
    }
}
