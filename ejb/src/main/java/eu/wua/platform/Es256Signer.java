package eu.wua.platform;

/** Signs bytes with ES256 and answers the 64-byte {@code r‖s} form; the key stays where it is. */
@FunctionalInterface
public interface Es256Signer {
    byte[] signEs256(byte[] data) throws Exception;
}
