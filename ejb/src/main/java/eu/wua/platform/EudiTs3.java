package eu.wua.platform;

/** The vocabulary of EUDI Technical Specification 3 (Wallet Unit Attestations) v1.5 where it differs from OpenID4VCI. */
public final class EudiTs3 {

    /** §2.2.2: the {@code typ} of a TS3 Key Attestation (spelt without the hyphen). */
    public static final String KEY_ATTESTATION_TYPE = "keyattestation+jwt";

    private EudiTs3() {
    }
}
