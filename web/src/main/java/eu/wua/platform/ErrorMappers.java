package eu.wua.platform;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import eu.wua.wscd.WscdUnavailable;

/** Turns what escapes an endpoint into the spec's error body; the cause goes to the log only. */
public final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());
    static final String WSCD_RETRY_AFTER_SECONDS = "5";

    private ErrorMappers() {
    }

    /** The EJB container and the frameworks wrap what a use case threw: look through the causes. */
    static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    /** A request the framework itself refused (no such path, wrong method or media type). */
    @Provider
    public static class Refused implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            Optional<WscdUnavailable> wscd = cause(e, WscdUnavailable.class);
            if (wscd.isPresent()) {
                return new WscdDown().toResponse(wscd.get());
            }
            if (status.getStatusCode() == 401) {
                return ErrorResponse.of(status, "unauthorized", "this endpoint needs authentication");
            }
            if (status.getStatusCode() == 403) {
                return ErrorResponse.of(status, "forbidden", "your role does not allow this action");
            }
            if (e instanceof NotFoundException) {
                return ErrorResponse.of(status, "not_found", "no such endpoint");
            }
            if (e instanceof NotAllowedException) {
                return ErrorResponse.of(status, "invalid_request", "this method is not allowed here");
            }
            if (e instanceof NotSupportedException) {
                return ErrorResponse.of(status, "invalid_request", "unsupported content type");
            }
            if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
                LOG.log(Level.SEVERE, "request failed", e);
                return ErrorResponse.of(status, "server_error", "the request could not be completed");
            }
            return ErrorResponse.of(status, "invalid_request", status.getReasonPhrase());
        }
    }

    /** The HSM is gone for now: 503 with Retry-After, so that wallets try again. */
    @Provider
    public static class WscdDown implements ExceptionMapper<WscdUnavailable> {
        @Override
        public Response toResponse(WscdUnavailable e) {
            LOG.warning(() -> "WSCD unavailable: " + e.getMessage());
            Response response = ErrorResponse.of(Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "the secure cryptographic device is unavailable; try again shortly");
            return Response.fromResponse(response).header("Retry-After", WSCD_RETRY_AFTER_SECONDS).build();
        }
    }

    /** An authenticated caller whose role does not allow the action. */
    @Provider
    public static class Forbidden implements ExceptionMapper<jakarta.ejb.EJBAccessException> {
        @Override
        public Response toResponse(jakarta.ejb.EJBAccessException e) {
            return ErrorResponse.of(Response.Status.FORBIDDEN, "forbidden", "your role does not allow this action");
        }
    }

    /** Anything else is our fault: logged in full, answered without detail. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            Optional<WscdUnavailable> wscd = cause(e, WscdUnavailable.class);
            if (wscd.isPresent()) {
                return new WscdDown().toResponse(wscd.get());
            }
            Optional<jakarta.ejb.EJBAccessException> denied = cause(e, jakarta.ejb.EJBAccessException.class);
            if (denied.isPresent()) {
                return new Forbidden().toResponse(denied.get());
            }
            LOG.log(Level.SEVERE, "unexpected failure", e);
            return ErrorResponse.of(Response.Status.INTERNAL_SERVER_ERROR, "server_error", "the request could not be completed");
        }
    }
}
