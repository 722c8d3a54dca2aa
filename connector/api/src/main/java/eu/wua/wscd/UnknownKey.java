package eu.wua.wscd;

/** No key with that handle exists in the WSCD. */
public class UnknownKey extends WscdException {

    private static final long serialVersionUID = 1L;

    public UnknownKey(KeyHandle key) {
        super("no key " + key + " in the WSCD");
    }
}
