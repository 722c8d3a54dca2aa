package eu.wua.walletprovider;

import jakarta.ejb.ApplicationException;

/**
 * Why the Wallet Provider refused a request: the closed set of reasons, each with the wire code and
 * HTTP status of platform-api.md. Audit records the reason; the wallet sees the code and a description.
 * A refused request changes nothing: its transaction rolls back (a nonce it used stays usable).
 */
@ApplicationException(rollback = true)
public class WalletProviderRejection extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        MALFORMED_REQUEST(400, "invalid_request"),
        REQUEST_TOO_LARGE(413, "invalid_request"),
        INVALID_INSTANCE_KEY(400, "invalid_request"),
        INVALID_PIN_FORMAT(400, "invalid_request"),
        INVALID_AUDIENCE(400, "invalid_request"),
        INTEGRITY_NOT_ACCEPTED(400, "integrity_not_accepted"),
        INTEGRITY_MALFORMED(400, "integrity_not_accepted"),
        INTEGRITY_CHAIN_UNTRUSTED(400, "integrity_not_accepted"),
        INTEGRITY_SECURITY_LEVEL(400, "integrity_not_accepted"),
        INTEGRITY_KEY_MISMATCH(400, "integrity_not_accepted"),
        INTEGRITY_CHALLENGE(400, "integrity_not_accepted"),
        PROOF_MALFORMED(401, "invalid_proof"),
        PROOF_TYPE(401, "invalid_proof"),
        PROOF_ALGORITHM(401, "invalid_proof"),
        PROOF_SIGNATURE(401, "invalid_proof"),
        PROOF_AUDIENCE(401, "invalid_proof"),
        PROOF_ISSUED_AT(401, "invalid_proof"),
        PROOF_JTI_MISSING(401, "invalid_proof"),
        PROOF_JTI_REPLAYED(401, "invalid_proof"),
        PROOF_NONCE_UNKNOWN_USED_OR_EXPIRED(401, "invalid_proof"),
        INVALID_COUNT(400, "invalid_request"),
        UNKNOWN_PROFILE(400, "invalid_request"),
        INVALID_SIGNING_INPUT(400, "invalid_request"),
        WRONG_PIN(401, "invalid_pin"),
        PIN_LOCKED(403, "wscd_locked"),
        UNKNOWN_KEY(404, "unknown_key"),
        UNKNOWN_INSTANCE(404, "unknown_instance"),
        INSTANCE_REVOKED(403, "instance_revoked"),
        /** No valid certification is recorded for the WSCD in use: nothing truthful can go into key_storage. */
        WSCD_NOT_CERTIFIED(503, "wscd_not_certified");

        private final int httpStatus;
        private final String wireCode;

        Reason(int httpStatus, String wireCode) {
            this.httpStatus = httpStatus;
            this.wireCode = wireCode;
        }

        public int httpStatus() { return httpStatus; }
        public String wireCode() { return wireCode; }
    }

    private final Reason reason;

    public WalletProviderRejection(Reason reason, String description) {
        super(description);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
