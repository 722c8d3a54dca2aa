package eu.wua.trust;

/** A List of Trusted Entities that is not taken in: the message says why, in words an administrator can act on. */
public class LoteRefused extends Exception {

    private static final long serialVersionUID = 1L;

    public LoteRefused(String message) {
        super(message);
    }

    public LoteRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
