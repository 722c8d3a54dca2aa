package eu.wua.wscd.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdConnectionFactory;
import eu.wua.wscd.WscdDescription;
import eu.wua.wscd.WscdException;
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
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void theSoftwareStoreSignsWithNativeCodeWhereItsBuildRuns() throws Exception {
        assertEquals("AmazonCorrettoCryptoProvider", SoftwareToken.signingProviderName());
        try (WscdConnection wscd = connections().getConnection()) {
            assertTrue(wscd.describe().device().endsWith("signing with AmazonCorrettoCryptoProvider"), wscd.describe().device());
        }
    }

    /** Issue #18: with the key directory read-only every generation failed while the health check passed. */
    @Test
    void aKeyDirectoryThatCannotBeWrittenFailsTheProbeAsAKeyGenerationDoes() throws Exception {
        try (WscdConnection wscd = connections().getConnection()) {
            wscd.describe();
        }
        Path keys = dir.resolve("keys");
        // root writes past file permissions: only the immutable attribute (ext4, as root) makes a directory read-only here
        assumeTrue(immutable(keys, true), "needs chattr +i on the temporary directory's file system");
        try (WscdConnection wscd = connections().getConnection()) {
            assertThrows(WscdException.class, () -> wscd.generateKey(newOwner(), "k"));
            WscdUnavailable probe = assertThrows(WscdUnavailable.class, wscd::describe);
            assertTrue(probe.getMessage().contains("cannot be written"), probe.getMessage());
        } finally {
            immutable(keys, false);
        }
        try (WscdConnection wscd = connections().getConnection()) {
            assertEquals("software", wscd.describe().backend(), "writable again, ready again");
        }
    }

    private static boolean immutable(Path path, boolean on) throws Exception {
        try {
            Process chattr = new ProcessBuilder("chattr", on ? "+i" : "-i", path.toString()).redirectErrorStream(true).start();
            return chattr.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
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
        assertTrue(e.getMessage().contains("passphrase does not open"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("keys/token.properties")), "the directory is left as it was");
    }

    @Test
    void aKeyStoreOfAnEarlierVersionIsMovedIntoTheKeyDirectoryAndItsKeysSign() throws Exception {
        // an earlier version kept every key in one PKCS#12 file, each beside a holder certificate
        Path legacy = dir.resolve("wscd.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "platform/legacy-key", "-dname", "CN=WSCD key holder",
                "-keystore", legacy.toString(), "-storetype", "PKCS12", "-storepass", "test-passphrase").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), output);
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(legacy)) {
            store.load(in, "test-passphrase".toCharArray());
        }
        java.security.interfaces.ECPublicKey legacyKey = (java.security.interfaces.ECPublicKey) store.getCertificate("platform/legacy-key").getPublicKey();

        try (WscdConnection wscd = connections().getConnection()) {
            eu.wua.wscd.KeyHandle handle = new eu.wua.wscd.KeyHandle("platform/legacy-key");
            assertEquals(java.util.List.of(handle), wscd.keysOf(eu.wua.wscd.KeyOwner.PLATFORM));
            assertEquals(legacyKey, wscd.publicKey(handle));
            byte[] data = {7};
            assertTrue(verifiesOutsideTheWscd(legacyKey, data, wscd.signEs256(handle, data)));
        }
        assertFalse(Files.exists(legacy), "moved once, not read again");
        assertTrue(Files.exists(dir.resolve("wscd.p12.moved-to-keys")), "and kept, renamed");
    }

    @Test
    void aKeyFileCopiedUnderAnotherHandleDoesNotOpen() throws Exception {
        eu.wua.wscd.KeyOwner owner = newOwner();
        try (WscdConnection wscd = connections().getConnection()) {
            wscd.generateKey(owner, "original");
        }
        Path ownerDirectory = dir.resolve("keys/o-" + owner.value());
        Files.copy(ownerDirectory.resolve("k-original.key"), ownerDirectory.resolve("k-copy.key"));
        try (WscdConnection wscd = connections().getConnection()) {
            assertThrows(WscdUnavailable.class, () -> wscd.signEs256(eu.wua.wscd.KeyHandle.of(owner, "copy"), new byte[] {1}),
                    "the private key is bound to its handle as associated data");
        }
    }

    @Test
    void theKeyFileHoldsNoPrivateKeyInTheClear() throws Exception {
        eu.wua.wscd.KeyOwner owner = newOwner();
        try (WscdConnection wscd = connections().getConnection()) {
            wscd.generateKey(owner, "k");
        }
        String file = Files.readString(dir.resolve("keys/o-" + owner.value() + "/k-k.key"));
        assertTrue(file.contains("private="), file);
        assertFalse(file.contains("MIGHAgEAMBMGByqGSM49"), "no PKCS#8 EC private key encoding in base64");
        assertEquals(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dir.resolve("keys/o-" + owner.value() + "/k-k.key")));
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
