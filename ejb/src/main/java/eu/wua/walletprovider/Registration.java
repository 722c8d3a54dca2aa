package eu.wua.walletprovider;

import java.util.List;

/**
 * A registration request as the wire gives it ({@code POST /wallet-provider/v1/instances}):
 * the instance key as JWK JSON, the integrity evidence (its type and, for Android key
 * attestation, the certificate chain as base64 DER, leaf first), and the PIN.
 */
public record Registration(String instanceKeyJwk, String integrityType, List<String> certificateChain, String pin) {

    public Registration {
        certificateChain = certificateChain == null ? List.of() : List.copyOf(certificateChain);
    }

    /** The PIN never shows in logs. */
    @Override
    public String toString() {
        return "Registration[integrityType=" + integrityType + "]";
    }
}
