package eu.wua.wallet;

/** The platform said no: the HTTP status and the {@code error} / {@code error_description} of its JSON body. */
public class PlatformRefusal extends Exception {

    private final int status;
    private final String error;
    private final String dpopNonce;

    public PlatformRefusal(int status, String error, String description) {
        this(status, error, description, null);
    }

    /** {@code dpopNonce}: the {@code DPoP-Nonce} header of the refusal, if it had one (RFC 9449 §8). */
    public PlatformRefusal(int status, String error, String description, String dpopNonce) {
        super(status + " " + error + ": " + description);
        this.status = status;
        this.error = error;
        this.dpopNonce = dpopNonce;
    }

    /** The nonce the server asked DPoP proofs to carry, or null. */
    public String dpopNonce() { return dpopNonce; }

    public int status() { return status; }

    public String error() { return error; }
}
