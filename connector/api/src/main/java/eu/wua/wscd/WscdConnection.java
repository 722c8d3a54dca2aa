package eu.wua.wscd;

import java.security.interfaces.ECPublicKey;
import java.util.List;

/**
 * One connection to the WSCD. Not thread-safe: one request thread uses it, then closes it.
 * Every method fails with {@link WscdUnavailable} when the token has gone away.
 */
public interface WscdConnection extends AutoCloseable {

    /** Generates an EC P-256 key pair inside the WSCD; the private key is sensitive and never extractable. */
    GeneratedKey generateKey(KeyOwner owner, String label) throws WscdException;

    /** The public key of a key the WSCD holds. */
    ECPublicKey publicKey(KeyHandle key) throws WscdException;

    /**
     * ES256: ECDSA over SHA-256 of {@code data}, returned as the 64-byte {@code r‖s} form JOSE uses
     * (RFC 7518 §3.4), not DER.
     */
    byte[] signEs256(KeyHandle key, byte[] data) throws WscdException;

    /** Destroys a key; destroying a key that is already gone is not an error. */
    void destroy(KeyHandle key) throws WscdException;

    /** The handles of every key that belongs to {@code owner}. */
    List<KeyHandle> keysOf(KeyOwner owner) throws WscdException;

    /** Which backend serves this connection, and whether it is a certified device. */
    WscdDescription describe() throws WscdException;

    /** Hands the connection back to the pool; never throws. */
    @Override
    void close();
}
