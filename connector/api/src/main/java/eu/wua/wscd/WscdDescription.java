package eu.wua.wscd;

/**
 * What the WSCD is: the backend ({@code pkcs11} or {@code software}), a human-readable device
 * description, and whether keys live in a software key store. A software store is never a
 * certified device: the platform never claims {@code iso_18045_high} for keys it holds.
 */
public record WscdDescription(String backend, String device, boolean softwareKeyStore) {
}
