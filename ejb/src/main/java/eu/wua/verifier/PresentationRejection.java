package eu.wua.verifier;

import jakarta.ejb.ApplicationException;

/**
 * Why a presentation was refused (haip-issuance.md, "Presentation with device binding"): each
 * reason belongs to one named check; the wire code is {@code invalid_presentation} for all, the
 * check's name says which step failed. A refusal changes nothing (the nonce stays unused).
 */
@ApplicationException(rollback = true)
public class PresentationRejection extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        PRESENTATION_MALFORMED("presentation"),
        PRESENTATION_TOO_LARGE("presentation"),
        ISSUER_TYPE("issuer_signature"),
        ISSUER_ALGORITHM("issuer_signature"),
        ISSUER_SIGNATURE("issuer_signature"),
        ISSUER_CHAIN("issuer_signature"),
        DISCLOSURE_MALFORMED("disclosures"),
        DISCLOSURE_UNREFERENCED("disclosures"),
        DISCLOSURE_REPEATED("disclosures"),
        CREDENTIAL_EXPIRED("validity"),
        CREDENTIAL_REVOKED("status"),
        CREDENTIAL_STATUS_UNKNOWN("status"),
        KEY_BINDING_MISSING("key_binding"),
        KEY_BINDING_TYPE("key_binding"),
        KEY_BINDING_ALGORITHM("key_binding"),
        KEY_BINDING_KEY("key_binding"),
        KEY_BINDING_SIGNATURE("key_binding"),
        NONCE("nonce"),
        AUDIENCE("audience"),
        ISSUED_AT("issued_at"),
        SD_HASH("sd_hash"),
        TRANSACTION_DATA("transaction_data");

        private final String check;

        Reason(String check) {
            this.check = check;
        }

        /** The named check this reason fails. */
        public String check() { return check; }
    }

    public static final String WIRE_CODE = "invalid_presentation";

    private final Reason reason;

    public PresentationRejection(Reason reason, String description) {
        super(description);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
