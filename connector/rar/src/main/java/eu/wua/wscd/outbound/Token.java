package eu.wua.wscd.outbound;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import eu.wua.wscd.GeneratedKey;
import eu.wua.wscd.KeyHandle;
import eu.wua.wscd.KeyOwner;
import eu.wua.wscd.UnknownKey;
import eu.wua.wscd.WscdDescription;
import eu.wua.wscd.WscdException;

/**
 * An opened token: a PKCS#11 token ({@link Pkcs11Token}) or the software key directory
 * ({@link SoftwareToken}). Thread-safe; one instance is shared by every managed connection of a
 * factory. Each operation costs the same however many keys the token holds: a token serves a
 * key per credential, so it holds millions.
 */
interface Token {

    /** The probe key's handle: a key of the token's own, signed with by the health check. */
    KeyHandle PROBE_KEY = KeyHandle.of(KeyOwner.PLATFORM, "wscd-probe");

    WscdDescription description();

    GeneratedKey generate(KeyOwner owner, String label) throws WscdException;

    ECPublicKey publicKey(KeyHandle handle) throws WscdException;

    /** An ES256 signature of {@code data} as r‖s (RFC 7518 §3.4), 64 bytes. */
    byte[] signEs256(KeyHandle handle, byte[] data) throws WscdException;

    void destroy(KeyHandle handle) throws WscdException;

    List<KeyHandle> keysOf(KeyOwner owner) throws WscdException;

    /**
     * Signs a fixed message with the probe key (made on first use), so that a dead token, a lost
     * session or a lost login shows: listing objects alone can succeed without a login.
     */
    default void probe() throws WscdException {
        byte[] message = "wscd health probe".getBytes(StandardCharsets.US_ASCII);
        try {
            signEs256(PROBE_KEY, message);
        } catch (UnknownKey e) {
            try {
                generate(PROBE_KEY.owner(), PROBE_KEY.label());
            } catch (WscdException raced) {
                // another node or thread made it meanwhile: the signature below tells
            }
            signEs256(PROBE_KEY, message);
        }
    }

    /** Gives back what the token holds open (sessions); called when the factory drops it. */
    void close();

    /** What a token remembers per key (a key object or its handle), the least recently used dropped past {@code size}. */
    static <V> Map<KeyHandle, V> keyCache(int size) {
        return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<KeyHandle, V> eldest) {
                return size() > size;
            }
        });
    }
}
