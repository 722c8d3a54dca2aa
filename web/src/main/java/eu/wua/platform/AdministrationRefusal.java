package eu.wua.platform;

import java.io.InputStream;
import java.util.Optional;

import jakarta.ejb.ApplicationException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * An administration request refused with one of the {@link AdministrationError}s; nothing it did
 * is kept. Its {@link Mapper} answers the error body. The bodies of the administration API are
 * read here, by the platform's one body reader: too large is 413, not JSON is 400.
 */
@ApplicationException(rollback = true)
public class AdministrationRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final AdministrationError error;

    AdministrationRefusal(AdministrationError error, String description) {
        super(description);
        this.error = error;
    }

    public AdministrationError error() {
        return error;
    }

    /** A body that must be a JSON object. */
    public static JsonObject jsonBody(InputStream body) {
        try {
            return RequestBody.jsonObject(body);
        } catch (RequestBody.Refused refused) {
            throw of(refused);
        }
    }

    /** A body that may be empty, or else a JSON object (a withdrawal's optional {@code reason}). */
    public static Optional<JsonObject> optionalJsonBody(InputStream body) {
        try {
            return RequestBody.optionalJsonObject(body);
        } catch (RequestBody.Refused refused) {
            throw of(refused);
        }
    }

    /** A body of text (PEM). */
    public static String textBody(InputStream body) {
        try {
            return RequestBody.text(body);
        } catch (RequestBody.Refused refused) {
            throw of(refused);
        }
    }

    private static AdministrationRefusal of(RequestBody.Refused refused) {
        return (refused.tooLarge() ? AdministrationError.REQUEST_TOO_LARGE : AdministrationError.INVALID_REQUEST).refusal(refused.getMessage());
    }

    @Provider
    public static class Mapper implements ExceptionMapper<AdministrationRefusal> {
        @Override
        public Response toResponse(AdministrationRefusal refusal) {
            return refusal.error().answer(refusal.getMessage());
        }
    }
}
