package eu.wua.issuer;

import jakarta.ejb.ApplicationException;

/**
 * Why the issuer refused a request: each reason names the check that failed and carries the wire
 * code and HTTP status of OpenID4VCI 1.0 §6.3 / §8.3.1, RFC 6749 §5.2, RFC 6750 §3 and ABCA-07 §6.2.
 * A refused request changes nothing: its transaction rolls back (a c_nonce or code it used stays usable).
 */
@ApplicationException(rollback = true)
public class IssuanceRejection extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        // back office
        OFFER_MALFORMED(400, "invalid_request"),
        OFFER_TOO_LARGE(413, "invalid_request"),
        OFFER_UNKNOWN_CONFIGURATION(400, "unknown_credential_configuration"),
        // token endpoint: the request
        TOKEN_REQUEST_MALFORMED(400, "invalid_request"),
        TOKEN_REQUEST_TOO_LARGE(413, "invalid_request"),
        UNSUPPORTED_GRANT_TYPE(400, "unsupported_grant_type"),
        TX_CODE_MISSING(400, "invalid_request"),
        GRANT_UNKNOWN(400, "invalid_grant"),
        GRANT_EXPIRED(400, "invalid_grant"),
        GRANT_USED(400, "invalid_grant"),
        TX_CODE_WRONG(400, "invalid_grant"),
        // token endpoint: the authorization code and refresh token grants (RFC 6749 §4.1.3, §6, RFC 7636 §4.6)
        CODE_VERIFIER_MISSING(400, "invalid_request"),
        CODE_VERIFIER_WRONG(400, "invalid_grant"),
        CODE_OTHER_CLIENT(400, "invalid_grant"),
        REDIRECT_URI_MISMATCH(400, "invalid_grant"),
        REFRESH_HORIZON_PASSED(400, "invalid_grant"),
        // PAR endpoint (RFC 9126 §2.3)
        PAR_MALFORMED(400, "invalid_request"),
        PAR_TOO_LARGE(413, "invalid_request"),
        PAR_REQUEST_URI_INSIDE(400, "invalid_request"),
        RESPONSE_TYPE_UNSUPPORTED(400, "unsupported_response_type"),
        CLIENT_ID_MISMATCH(401, "invalid_client"),
        REDIRECT_URI_INVALID(400, "invalid_request"),
        PKCE_MISSING(400, "invalid_request"),
        PKCE_METHOD(400, "invalid_request"),
        SCOPE_UNKNOWN(400, "invalid_scope"),
        AUTHORIZATION_DETAILS_INVALID(400, "invalid_authorization_details"),
        ISSUER_STATE_UNKNOWN(400, "invalid_request"),
        // authorization endpoint: answered as a page before the redirect URI is trusted, then as a redirect
        REQUEST_URI_UNKNOWN(400, "invalid_request"),
        REQUEST_URI_USED(400, "invalid_request"),
        REQUEST_URI_EXPIRED(400, "invalid_request"),
        REQUEST_URI_OTHER_CLIENT(400, "invalid_request"),
        AUTHORIZATION_SESSION_UNKNOWN(400, "invalid_request"),
        AUTHORIZATION_VOID(400, "access_denied"),
        AUTHENTICATOR_UNAVAILABLE(503, "temporarily_unavailable"),
        // token endpoint: client attestation (ABCA-07)
        CLIENT_ATTESTATION_MISSING(401, "invalid_client"),
        CLIENT_ATTESTATION_MALFORMED(401, "invalid_client"),
        CLIENT_ATTESTATION_TYPE(401, "invalid_client"),
        CLIENT_ATTESTATION_ALGORITHM(401, "invalid_client"),
        CLIENT_ATTESTATION_CHAIN(401, "invalid_client"),
        CLIENT_ATTESTATION_PROVIDER_WITHDRAWN(401, "invalid_client"),
        CLIENT_ATTESTATION_SIGNATURE(401, "invalid_client"),
        CLIENT_ATTESTATION_CLAIMS(401, "invalid_client"),
        CLIENT_ATTESTATION_EXPIRED(401, "invalid_client"),
        CLIENT_ATTESTATION_STALE(400, "use_fresh_attestation"),
        CLIENT_ATTESTATION_REVOKED(401, "invalid_client"),
        CLIENT_ATTESTATION_STATUS_UNKNOWN(401, "invalid_client"),
        POP_MISSING(401, "invalid_client"),
        POP_MALFORMED(401, "invalid_client"),
        POP_TYPE(401, "invalid_client"),
        POP_ALGORITHM(401, "invalid_client"),
        POP_SIGNATURE(401, "invalid_client"),
        POP_CLAIMS(401, "invalid_client"),
        POP_AUDIENCE(401, "invalid_client"),
        POP_ISSUED_AT(401, "invalid_client"),
        POP_JTI(401, "invalid_client"),
        POP_ISSUER(401, "invalid_client"),
        // DPoP (RFC 9449): 400 at the token endpoint, 401 at the credential endpoint (IssuerResource)
        DPOP_REQUIRED(400, "invalid_dpop_proof"),
        DPOP_MALFORMED(400, "invalid_dpop_proof"),
        DPOP_TYPE(400, "invalid_dpop_proof"),
        DPOP_ALGORITHM(400, "invalid_dpop_proof"),
        DPOP_KEY(400, "invalid_dpop_proof"),
        DPOP_SIGNATURE(400, "invalid_dpop_proof"),
        DPOP_CLAIMS(400, "invalid_dpop_proof"),
        DPOP_METHOD(400, "invalid_dpop_proof"),
        DPOP_URI(400, "invalid_dpop_proof"),
        DPOP_ISSUED_AT(400, "invalid_dpop_proof"),
        DPOP_JTI(400, "invalid_dpop_proof"),
        DPOP_ACCESS_TOKEN_HASH(400, "invalid_dpop_proof"),
        DPOP_OTHER_KEY(400, "invalid_dpop_proof"),
        DPOP_NONCE(400, "use_dpop_nonce"),
        // credential endpoint: the access token (RFC 6750)
        TOKEN_MISSING(401, "invalid_token"),
        TOKEN_INVALID(401, "invalid_token"),
        TOKEN_OTHER_CLIENT(401, "invalid_token"),
        TOKEN_DPOP_BOUND(401, "invalid_token"),
        TOKEN_NOT_DPOP_BOUND(401, "invalid_token"),
        // credential endpoint: the request body
        CREDENTIAL_REQUEST_MALFORMED(400, "invalid_credential_request"),
        CREDENTIAL_REQUEST_TOO_LARGE(413, "invalid_credential_request"),
        CREDENTIAL_CONFIGURATION_UNKNOWN(400, "unknown_credential_configuration"),
        CREDENTIAL_IDENTIFIER_UNKNOWN(400, "unknown_credential_identifier"),
        PROOFS_MISSING(400, "invalid_proof"),
        PROOFS_SHAPE(400, "invalid_credential_request"),
        PROOFS_MORE_THAN_ONE(400, "invalid_proof"),
        ENCRYPTION_UNSUPPORTED(400, "invalid_encryption_parameters"),
        // credential endpoint: the proof and its Key Attestation
        PROOF_MALFORMED(400, "invalid_proof"),
        PROOF_TYPE(400, "invalid_proof"),
        PROOF_ALGORITHM(400, "invalid_proof"),
        PROOF_KEY_ATTESTATION_MISSING(400, "invalid_proof"),
        PROOF_KEY_NOT_ATTESTED(400, "invalid_proof"),
        PROOF_SIGNATURE(400, "invalid_proof"),
        PROOF_CLAIMS(400, "invalid_proof"),
        PROOF_AUDIENCE(400, "invalid_proof"),
        PROOF_ISSUED_AT(400, "invalid_proof"),
        PROOF_NONCE_MISSING(400, "invalid_proof"),
        NONCE_INVALID(400, "invalid_nonce"),
        KEY_ATTESTATION_MALFORMED(400, "invalid_proof"),
        KEY_ATTESTATION_TYPE(400, "invalid_proof"),
        KEY_ATTESTATION_ALGORITHM(400, "invalid_proof"),
        KEY_ATTESTATION_CHAIN(400, "invalid_proof"),
        KEY_ATTESTATION_SIGNATURE(400, "invalid_proof"),
        KEY_ATTESTATION_CLAIMS(400, "invalid_proof"),
        KEY_ATTESTATION_EXPIRED(400, "invalid_proof"),
        KEY_ATTESTATION_KEY_STORAGE(400, "invalid_proof"),
        KEY_ATTESTATION_NONCE(400, "invalid_nonce"),
        KEY_ATTESTATION_REPLAYED(400, "invalid_proof"),
        KEY_ATTESTATION_STATUS_UNKNOWN(400, "invalid_proof"),
        KEY_ATTESTATION_OTHER_PROVIDER(400, "invalid_proof"),
        KEY_ATTESTATION_REVOKED(400, "credential_request_denied"),
        LIFETIME_TOO_SHORT(400, "credential_request_denied"),
        WALLET_ATTESTATION_REVOKED(400, "credential_request_denied"),
        WALLET_ATTESTATION_STATUS_UNKNOWN(400, "credential_request_denied"),
        WALLET_PROVIDER_WITHDRAWN(400, "credential_request_denied"),
        // the console's inspector, checking one of our own credentials as a relying party would;
        // never sent to a wallet (a presentation verifier answers invalid_presentation)
        SD_JWT_VC_MALFORMED(400, "invalid_credential"),
        SD_JWT_VC_TYPE(400, "invalid_credential"),
        SD_JWT_VC_SIGNATURE(400, "invalid_credential"),
        SD_JWT_VC_DISCLOSURE(400, "invalid_credential"),
        SD_JWT_VC_EXPIRED(400, "invalid_credential");

        private final int httpStatus;
        private final String wireCode;

        Reason(int httpStatus, String wireCode) {
            this.httpStatus = httpStatus;
            this.wireCode = wireCode;
        }

        public int httpStatus() { return httpStatus; }
        public String wireCode() { return wireCode; }

        /** A DPoP proof's: at a resource endpoint 401 with {@code WWW-Authenticate: DPoP} (RFC 9449 §7.1), not 400. */
        public boolean dpopProof() { return name().startsWith("DPOP_"); }
    }

    private final Reason reason;

    public IssuanceRejection(Reason reason, String description) {
        super(description);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
