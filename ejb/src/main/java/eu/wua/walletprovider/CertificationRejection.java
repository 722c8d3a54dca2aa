package eu.wua.walletprovider;

import jakarta.ejb.ApplicationException;

/** A certification that cannot be recorded as asked (the description says which field and why). */
@ApplicationException(rollback = true)
public class CertificationRejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean conflict;

    public CertificationRejection(String description, boolean conflict) {
        super(description);
        this.conflict = conflict;
    }

    /** The request was well formed but collides with what is recorded (an id taken). */
    public boolean conflict() {
        return conflict;
    }
}
