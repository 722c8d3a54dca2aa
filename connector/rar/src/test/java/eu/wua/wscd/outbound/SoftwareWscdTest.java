package eu.wua.wscd.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdConnectionFactory;
import eu.wua.wscd.WscdDescription;
import eu.wua.wscd.WscdUnavailable;

/** The contract against the software key store, the embedded default. */
class SoftwareWscdTest extends WscdContractTest {

    @TempDir
    Path dir;

    @Override
    WscdManagedConnectionFactory newFactory() {
        WscdManagedConnectionFactory factory = new WscdManagedConnectionFactory();
        factory.setBackend("software");
        factory.setKeyStoreFile(dir.resolve("wscd.p12").toString());
        factory.setPassphrase("test-passphrase");
        return factory;
    }

    @Test
    void theSoftwareStoreSaysItIsSoftware() throws Exception {
        try (WscdConnection wscd = connections().getConnection()) {
            WscdDescription description = wscd.describe();
            assertEquals("software", description.backend());
            assertTrue(description.softwareKeyStore());
        }
    }

    @Test
    void aWrongPassphraseIsRefusedWithoutRevealingIt() throws Exception {
        try (WscdConnection wscd = connections().getConnection()) {
            wscd.generateKey(newOwner(), "k");
        }
        WscdManagedConnectionFactory wrong = newFactory();
        wrong.setPassphrase("not-the-passphrase");
        WscdUnavailable e = assertThrows(WscdUnavailable.class,
                () -> ((WscdConnectionFactory) wrong.createConnectionFactory()).getConnection());
        assertFalse(e.getMessage().contains("not-the-passphrase"));
        assertTrue(Files.exists(dir.resolve("wscd.p12")));
    }

    @Test
    void aMissingPassphraseIsAConfigurationError() {
        WscdManagedConnectionFactory factory = newFactory();
        factory.setPassphrase("");
        Exception e = assertThrows(Exception.class,
                () -> ((WscdConnectionFactory) factory.createConnectionFactory()).getConnection());
        assertTrue(e.getMessage().contains("no passphrase configured"), e.getMessage());
    }

    @Test
    void anUnknownBackendIsNamedInTheError() {
        WscdManagedConnectionFactory factory = newFactory();
        factory.setBackend("tpm");
        Exception e = assertThrows(Exception.class,
                () -> ((WscdConnectionFactory) factory.createConnectionFactory()).getConnection());
        assertTrue(e.getMessage().contains("unknown WSCD backend 'tpm'"), e.getMessage());
    }
}
