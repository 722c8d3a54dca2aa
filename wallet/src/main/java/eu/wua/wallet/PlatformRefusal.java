package eu.wua.wallet;

/** The platform said no: the HTTP status and the {@code error} / {@code error_description} of its JSON body. */
public class PlatformRefusal extends Exception {

    private final int status;
    private final String error;

    public PlatformRefusal(int status, String error, String description) {
        super(status + " " + error + ": " + description);
        this.status = status;
        this.error = error;
    }

    public int status() { return status; }

    public String error() { return error; }
}
