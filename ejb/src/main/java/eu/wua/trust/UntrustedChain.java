package eu.wua.trust;

/** An x5c chain that reaches no trusted Wallet Provider: the message says why. */
public class UntrustedChain extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean withdrawn;

    public UntrustedChain(String message, boolean withdrawn) {
        super(message);
        this.withdrawn = withdrawn;
    }

    /** The chain is sound and reaches a Wallet Provider whose trust was withdrawn. */
    public boolean withdrawn() {
        return withdrawn;
    }
}
