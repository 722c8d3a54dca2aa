package eu.wua.wscd.outbound;

import java.nio.file.Files;
import java.nio.file.Path;

import eu.wua.wscd.WscdException;
import eu.wua.wscd.WscdUnavailable;

/** Opens the token the settings name: a PKCS#11 token or the software key directory. */
final class TokenOpener {

    private TokenOpener() {
    }

    static Token open(TokenSettings settings) throws WscdException {
        return switch (settings.backend()) {
            case TokenSettings.PKCS11 -> openPkcs11(settings);
            case TokenSettings.SOFTWARE -> openSoftware(settings);
            default -> throw new WscdException("unknown WSCD backend '" + settings.backend()
                    + "': use " + TokenSettings.PKCS11 + " or " + TokenSettings.SOFTWARE);
        };
    }

    private static Token openPkcs11(TokenSettings settings) throws WscdException {
        if (isBlank(settings.pkcs11Library()) || !Files.isReadable(Path.of(settings.pkcs11Library()))) {
            throw new WscdException("PKCS#11 library '" + settings.pkcs11Library() + "' is not readable");
        }
        if (settings.pin() == null || settings.pin().length == 0) {
            throw new WscdException("no PKCS#11 PIN configured");
        }
        try {
            return Pkcs11Token.open(settings.pkcs11Library(), settings.pkcs11Slot(), settings.pkcs11SlotListIndex(), settings.pin());
        } catch (WscdUnavailable e) {
            throw new WscdUnavailable("cannot open the PKCS#11 token (" + settings + "): " + e.getMessage(), e);
        }
    }

    private static Token openSoftware(TokenSettings settings) throws WscdException {
        if (settings.keyDirectory() == null) {
            throw new WscdException("no key directory configured for the software WSCD");
        }
        if (settings.passphrase() == null || settings.passphrase().length == 0) {
            throw new WscdException("no passphrase configured for the software WSCD");
        }
        return SoftwareToken.open(settings.keyDirectory().toAbsolutePath(),
                settings.keyStoreFile() != null ? settings.keyStoreFile().toAbsolutePath() : null, settings.passphrase());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
