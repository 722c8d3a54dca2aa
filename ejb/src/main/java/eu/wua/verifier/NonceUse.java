package eu.wua.verifier;

/** The verifier's challenges: a nonce it gave out, unexpired, used by one presentation only. */
public interface NonceUse {

    /** Uses the nonce up; false when it is unknown, expired or used. */
    boolean use(String nonce);
}
