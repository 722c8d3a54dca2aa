package eu.wua.trust;

/** Where a Wallet Provider on the trust list comes from. */
public enum TrustOrigin {
    /** Added by an administrator of this platform (for testing, or a provider no list carries). */
    LOCAL,
    /** Taken from the Commission's List of Trusted Entities (ETSI TS 119 602); refreshed with it. */
    LOTE
}
