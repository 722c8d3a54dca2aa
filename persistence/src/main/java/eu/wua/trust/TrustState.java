package eu.wua.trust;

/** Whether the issuer still accepts a Wallet Provider's attestations. */
public enum TrustState {
    TRUSTED,
    WITHDRAWN
}
