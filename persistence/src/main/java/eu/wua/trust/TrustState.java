package eu.wua.trust;

/** Whether the issuer still accepts a Wallet Provider's attestations. */
public enum TrustState {
    TRUSTED,
    /** Suspended by the List of Trusted Entities: refused while it lasts; a later list version can grant it again. */
    SUSPENDED,
    WITHDRAWN
}
