package eu.wua.wscd.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;

import eu.wua.wscd.WscdDescription;
import eu.wua.wscd.WscdException;
import eu.wua.wscd.WscdUnavailable;

/** Opens the token the settings name: a PKCS#11 token or the software key store file. */
final class TokenOpener {

    private TokenOpener() {
    }

    static KeyStoreToken open(TokenSettings settings) throws WscdException {
        return switch (settings.backend()) {
            case TokenSettings.PKCS11 -> openPkcs11(settings);
            case TokenSettings.SOFTWARE -> openSoftware(settings);
            default -> throw new WscdException("unknown WSCD backend '" + settings.backend()
                    + "': use " + TokenSettings.PKCS11 + " or " + TokenSettings.SOFTWARE);
        };
    }

    private static KeyStoreToken openPkcs11(TokenSettings settings) throws WscdException {
        if (isBlank(settings.pkcs11Library()) || !Files.isReadable(Path.of(settings.pkcs11Library()))) {
            throw new WscdException("PKCS#11 library '" + settings.pkcs11Library() + "' is not readable");
        }
        if (settings.pin() == null || settings.pin().length == 0) {
            throw new WscdException("no PKCS#11 PIN configured");
        }
        // keys are generated as sensitive, non-extractable token objects: they cannot leave the HSM
        String config = "--name = WSCD\n"
                + "library = " + settings.pkcs11Library() + "\n"
                + (settings.pkcs11Slot() != null ? "slot = " + settings.pkcs11Slot() : "slotListIndex = " + settings.pkcs11SlotListIndex()) + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                + "  CKA_TOKEN = true\n  CKA_PRIVATE = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";
        try {
            Provider provider = Security.getProvider("SunPKCS11").configure(config);
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, settings.pin());
            return new KeyStoreToken(keyStore, provider, null, store -> { },
                    new WscdDescription(TokenSettings.PKCS11, "PKCS#11 token via " + settings.pkcs11Library(), false));
        } catch (GeneralSecurityException | IOException | ProviderException e) {
            throw new WscdUnavailable("cannot open the PKCS#11 token (" + settings + "): " + rootMessage(e), e);
        }
    }

    private static KeyStoreToken openSoftware(TokenSettings settings) throws WscdException {
        if (settings.keyStoreFile() == null) {
            throw new WscdException("no key store file configured for the software WSCD");
        }
        if (settings.passphrase() == null || settings.passphrase().length == 0) {
            throw new WscdException("no passphrase configured for the software WSCD key store");
        }
        Path file = settings.keyStoreFile().toAbsolutePath();
        char[] passphrase = settings.passphrase().clone();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    keyStore.load(in, passphrase);
                }
            } else {
                Files.createDirectories(file.getParent());
                keyStore.load(null, passphrase);
                saveAtomically(keyStore, file, passphrase);
            }
            return new KeyStoreToken(keyStore, Security.getProvider("SunEC"), passphrase,
                    store -> saveAtomically(store, file, passphrase),
                    new WscdDescription(TokenSettings.SOFTWARE, "software key store " + file, true));
        } catch (GeneralSecurityException | IOException e) {
            throw new WscdUnavailable("cannot open the software key store " + file + ": " + rootMessage(e), e);
        }
    }

    /** Written to a temporary file and moved into place, so that a crash never leaves half a key store. */
    private static void saveAtomically(KeyStore keyStore, Path file, char[] passphrase) throws GeneralSecurityException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                keyStore.store(out, passphrase);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot write the software key store " + file, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage() : "");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
