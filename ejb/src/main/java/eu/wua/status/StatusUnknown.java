package eu.wua.status;

/** The status of an entry cannot be told (unreachable, unsigned, expired, index out of range...): never taken as valid. */
public class StatusUnknown extends Exception {

    private static final long serialVersionUID = 1L;

    public StatusUnknown(String message) {
        super(message);
    }
}
