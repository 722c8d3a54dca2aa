package eu.wua.wscd;

/**
 * The token cannot be reached (library error, token removed, session closed). Callers answer 503
 * with {@code Retry-After}; the adapter reconnects by itself once the token is back.
 */
public class WscdUnavailable extends WscdException {

    private static final long serialVersionUID = 1L;

    public WscdUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
