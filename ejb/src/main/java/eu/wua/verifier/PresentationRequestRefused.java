package eu.wua.verifier;

import jakarta.ejb.ApplicationException;

/**
 * A wallet's answer to a presentation request that does not identify the person: the check that
 * failed and a sentence the person can read on the authorization page. Its transaction rolls back
 * (the nonce stays unused); the refusal is then recorded on its own.
 */
@ApplicationException(rollback = true)
public class PresentationRequestRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String check;

    /** {@code reason}: what the audit trail records (a {@link PresentationRejection.Reason}'s name, or one of the request's own). */
    public PresentationRequestRefused(String reason, String check, String message) {
        super(message);
        this.reason = reason;
        this.check = check;
    }

    public String reason() {
        return reason;
    }

    public String check() {
        return check;
    }

    /** The verifier's refusal in the person's words: what it means for them, then the verifier's own reason. */
    static PresentationRequestRefused of(PresentationVerifier.Refused refused) {
        PresentationRejection.Reason reason = refused.rejection().reason();
        String meaning = switch (reason) {
            case CREDENTIAL_REVOKED -> "The PID you presented is revoked or suspended, so it cannot prove who you are.";
            case CREDENTIAL_EXPIRED -> "The PID you presented has expired.";
            case CREDENTIAL_STATUS_UNKNOWN, ISSUER_TYPE, ISSUER_ALGORITHM, ISSUER_SIGNATURE, ISSUER_CHAIN ->
                    "The PID you presented was not issued by this PID provider.";
            case KEY_BINDING_MISSING, KEY_BINDING_TYPE, KEY_BINDING_ALGORITHM, KEY_BINDING_KEY, KEY_BINDING_SIGNATURE ->
                    "Your wallet did not prove that it holds the key of the PID it presented.";
            case NONCE, AUDIENCE, ISSUED_AT, SD_HASH, TRANSACTION_DATA -> "The presentation was not made for this sign-in.";
            default -> "The presentation could not be read.";
        };
        return new PresentationRequestRefused(reason.name(), reason.check(), meaning + " (" + reason.check() + ": " + refused.rejection().getMessage() + ")");
    }
}
