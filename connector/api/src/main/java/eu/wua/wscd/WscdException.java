package eu.wua.wscd;

/** Something the WSCD refused or could not do. Messages never carry key material or PINs. */
public class WscdException extends Exception {

    private static final long serialVersionUID = 1L;

    public WscdException(String message) {
        super(message);
    }

    public WscdException(String message, Throwable cause) {
        super(message, cause);
    }
}
