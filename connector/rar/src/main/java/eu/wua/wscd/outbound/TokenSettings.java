package eu.wua.wscd.outbound;

import java.nio.file.Path;

/**
 * How to reach a token, as configured on the managed connection factory. The PIN and the
 * passphrase are held here only until the token is opened; {@link #toString()} never shows them.
 * {@code keyStoreFile} is the PKCS#12 file of earlier versions, moved into {@code keyDirectory}.
 */
record TokenSettings(String backend, Path keyDirectory, Path keyStoreFile, char[] passphrase, String pkcs11Library,
        Integer pkcs11Slot, int pkcs11SlotListIndex, char[] pin) {

    static final String SOFTWARE = "software";
    static final String PKCS11 = "pkcs11";

    @Override
    public String toString() {
        return PKCS11.equals(backend)
                ? "pkcs11 library=" + pkcs11Library + (pkcs11Slot != null ? " slot=" + pkcs11Slot : " slotListIndex=" + pkcs11SlotListIndex)
                : "software keyDirectory=" + keyDirectory;
    }
}
