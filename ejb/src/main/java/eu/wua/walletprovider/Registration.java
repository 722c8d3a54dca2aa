package eu.wua.walletprovider;

/**
 * A registration request as the wire gives it ({@code POST /wallet-provider/v1/instances}):
 * the instance key as JWK JSON, the integrity evidence's type, and the PIN.
 */
public record Registration(String instanceKeyJwk, String integrityType, String pin) {

    /** The PIN never shows in logs. */
    @Override
    public String toString() {
        return "Registration[integrityType=" + integrityType + "]";
    }
}
