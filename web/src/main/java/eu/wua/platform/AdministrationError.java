package eu.wua.platform;

import jakarta.ws.rs.core.Response;

/**
 * The administration API's refusals (platform-api.md): the closed set of wire codes with their
 * HTTP statuses, answered as {@code {"error", "error_description"}} by {@link #answer} or, thrown as
 * an {@link AdministrationRefusal}, by its mapper.
 */
public enum AdministrationError {
    INVALID_REQUEST(400, "invalid_request"),
    CONFLICT(409, "invalid_request"),
    REQUEST_TOO_LARGE(413, "invalid_request"),
    NOT_IN_AUDIT_LOG(404, "not_in_audit_log"),
    LOTE_NOT_CONFIGURED(409, "lote_not_configured"),
    LOTE_REFRESH_IN_PROGRESS(409, "lote_refresh_in_progress"),
    LOTE_REFUSED(502, "lote_refused"),
    UNKNOWN_CERTIFICATION(404, "unknown_certification"),
    UNKNOWN_CREDENTIAL(404, "unknown_credential"),
    UNKNOWN_CREDENTIAL_CONFIGURATION(404, "unknown_credential_configuration"),
    UNKNOWN_CONSOLE_USER(404, "unknown_console_user"),
    UNKNOWN_INSTANCE(404, "unknown_instance"),
    UNKNOWN_JOB(404, "unknown_job"),
    UNKNOWN_PLATFORM_KEY(404, "unknown_platform_key"),
    UNKNOWN_SUBJECT(404, "unknown_subject"),
    UNKNOWN_WALLET_PROVIDER(404, "unknown_wallet_provider");

    private final int httpStatus;
    private final String wireCode;

    AdministrationError(int httpStatus, String wireCode) {
        this.httpStatus = httpStatus;
        this.wireCode = wireCode;
    }

    public int httpStatus() { return httpStatus; }
    public String wireCode() { return wireCode; }

    public Response answer(String description) {
        return ErrorResponse.of(Response.Status.fromStatusCode(httpStatus), wireCode, description);
    }

    public AdministrationRefusal refusal(String description) {
        return new AdministrationRefusal(this, description);
    }
}
