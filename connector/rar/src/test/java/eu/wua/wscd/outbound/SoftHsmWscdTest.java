package eu.wua.wscd.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import eu.wua.wscd.GeneratedKey;
import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdConnectionFactory;
import eu.wua.wscd.WscdDescription;
import eu.wua.wscd.WscdUnavailable;

/** The contract against a real PKCS#11 token: SoftHSM2 (run with -Psofthsm). */
@EnabledIfSystemProperty(named = "wscd.test.backend", matches = "pkcs11")
class SoftHsmWscdTest extends WscdContractTest {

    private static String slot;

    @BeforeAll
    static void createToken() throws Exception {
        SoftHsmToken.initialise("wscd-contract");
        slot = SoftHsmToken.slotOf("wscd-contract");
    }

    @Override
    WscdManagedConnectionFactory newFactory() {
        WscdManagedConnectionFactory factory = new WscdManagedConnectionFactory();
        factory.setBackend("pkcs11");
        factory.setPkcs11Library(SoftHsmToken.LIBRARY);
        factory.setPkcs11Slot(slot);
        factory.setPin(SoftHsmToken.PIN);
        return factory;
    }

    @Test
    void theTokenSaysItIsPkcs11AndNotSoftware() throws Exception {
        try (WscdConnection wscd = connections().getConnection()) {
            WscdDescription description = wscd.describe();
            assertEquals("pkcs11", description.backend());
            assertFalse(description.softwareKeyStore());
        }
    }

    @Test
    void thePrivateKeyMaterialCannotBeReadEvenWithDirectTokenAccess() throws Exception {
        GeneratedKey key;
        try (WscdConnection wscd = connections().getConnection()) {
            key = wscd.generateKey(newOwner(), "secret");
        }
        // go around the adapter, straight to the token's library with the user PIN, as an attacker with the PIN would
        Pkcs11Library library = com.sun.jna.Native.load(SoftHsmToken.LIBRARY, Pkcs11Library.class);
        library.C_Initialize(Pkcs11Memory.initializeArgs());
        NativeLongByReference session = new NativeLongByReference();
        assertEquals(0, library.C_OpenSession(new NativeLong(Long.parseLong(slot)), new NativeLong(Pkcs11Library.CKF_SERIAL_SESSION),
                null, null, session).longValue());
        byte[] pin = SoftHsmToken.PIN.getBytes(StandardCharsets.US_ASCII);
        long login = library.C_Login(session.getValue(), new NativeLong(Pkcs11Library.CKU_USER), pin, new NativeLong(pin.length)).longValue();
        assertTrue(login == 0 || login == Pkcs11Library.CKR_USER_ALREADY_LOGGED_IN);
        Pkcs11Memory.Template search = new Pkcs11Memory.Template().ulong(Pkcs11Library.CKA_CLASS, Pkcs11Library.CKO_PRIVATE_KEY)
                .bytes(Pkcs11Library.CKA_ID, key.handle().value().getBytes(StandardCharsets.US_ASCII));
        library.C_FindObjectsInit(session.getValue(), search.pointer(), search.count());
        NativeLong[] found = new NativeLong[2];
        NativeLongByReference count = new NativeLongByReference();
        library.C_FindObjects(session.getValue(), found, new NativeLong(2), count);
        library.C_FindObjectsFinal(session.getValue());
        assertEquals(1, count.getValue().intValue(), "the private key is on the token under its handle");

        Pkcs11Memory.Template flags = new Pkcs11Memory.Template().bool(Pkcs11Library.CKA_SENSITIVE, false)
                .bool(Pkcs11Library.CKA_EXTRACTABLE, true).bool(Pkcs11Library.CKA_TOKEN, false);
        assertEquals(0, library.C_GetAttributeValue(session.getValue(), found[0], flags.pointer(), flags.count()).longValue());
        assertArrayEquals(new byte[] {1}, flags.value(0), "CKA_SENSITIVE");
        assertArrayEquals(new byte[] {0}, flags.value(1), "CKA_EXTRACTABLE");
        assertArrayEquals(new byte[] {1}, flags.value(2), "CKA_TOKEN");
        Pkcs11Memory.Template value = new Pkcs11Memory.Template().read(Pkcs11Library.CKA_VALUE);
        assertEquals(Pkcs11Library.CKR_ATTRIBUTE_SENSITIVE,
                library.C_GetAttributeValue(session.getValue(), found[0], value.pointer(), value.count()).longValue(),
                "the private scalar cannot be read");
        library.C_CloseSession(session.getValue());
    }

    @Test
    void aKeyWrittenBySunPkcs11sKeyStoreAsEarlierVersionsDidIsReadAndSigns() throws Exception {
        // earlier versions wrote keys through SunPKCS11's key store: CKA_ID the alias, a holder certificate beside
        java.nio.file.Path config = java.nio.file.Files.createTempFile("sunpkcs11", ".cfg");
        java.nio.file.Files.writeString(config, "name = Earlier\nlibrary = " + SoftHsmToken.LIBRARY + "\nslot = " + slot + "\n");
        String alias = "platform/earlier-" + System.nanoTime();
        Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", "NONE", "-storetype", "PKCS11", "-addprovider", "SunPKCS11", "-providerArg", config.toString(),
                "-storepass", SoftHsmToken.PIN, "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=WSCD key holder")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), output);

        try (WscdConnection wscd = connections().getConnection()) {
            eu.wua.wscd.KeyHandle handle = new eu.wua.wscd.KeyHandle(alias);
            java.security.interfaces.ECPublicKey publicKey = wscd.publicKey(handle);
            byte[] data = {9};
            assertTrue(verifiesOutsideTheWscd(publicKey, data, wscd.signEs256(handle, data)));
            assertTrue(wscd.keysOf(eu.wua.wscd.KeyOwner.PLATFORM).contains(handle));
            wscd.destroy(handle);
            assertThrows(eu.wua.wscd.UnknownKey.class, () -> wscd.publicKey(handle), "the holder certificate went with the key");
        }
    }

    @Test
    void aTokenThatLosesItsLoginIsUnavailableAndTheAdapterRecoversByItself() throws Exception {
        WscdConnectionFactory factory = connections();
        GeneratedKey key;
        try (WscdConnection wscd = factory.getConnection()) {
            key = wscd.generateKey(newOwner(), "outage");
            wscd.signEs256(key.handle(), new byte[] {1});
        }
        byte[] data = "after the outage".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        // an HSM restart drops the login: PKCS#11 login state belongs to the token and the process
        SoftHsmToken.logOut(slot);

        try (WscdConnection wscd = factory.getConnection()) {
            assertThrows(WscdUnavailable.class, () -> wscd.signEs256(key.handle(), data));
        }
        try (WscdConnection wscd = factory.getConnection()) {
            assertEquals("pkcs11", wscd.describe().backend(), "the health probe sees the token again");
        }
        try (WscdConnection wscd = factory.getConnection()) {
            assertTrue(verifiesOutsideTheWscd(key.publicKey(), data, wscd.signEs256(key.handle(), data)),
                    "the next connection opens the token again, with the PIN, and signs");
        }
    }

    @Test
    void aConnectionPooledBeforeTheOutageFollowsTheReopenedToken() throws Exception {
        WscdConnectionFactory factory = connections();
        byte[] data = {3};
        try (WscdConnection pooled = factory.getConnection(); WscdConnection other = factory.getConnection()) {
            GeneratedKey key = pooled.generateKey(newOwner(), "pooled");
            pooled.signEs256(key.handle(), data);

            SoftHsmToken.logOut(slot);
            assertThrows(WscdUnavailable.class, () -> other.signEs256(key.handle(), data));

            assertTrue(verifiesOutsideTheWscd(key.publicKey(), data, pooled.signEs256(key.handle(), data)),
                    "the connection opened before the outage signs on the reopened token");
        }
    }

    @Test
    void aKeyNotYetUsedOnATokenThatLostItsLoginIsUnavailableNotUnknown() throws Exception {
        WscdConnectionFactory factory = connections();
        GeneratedKey key;
        try (WscdConnection wscd = factory.getConnection()) {
            key = wscd.generateKey(newOwner(), "never-signed");
        }
        SoftHsmToken.logOut(slot);
        try (WscdConnection wscd = factory.getConnection()) {
            // the token hides its private objects once logged out; the key is there, the login is not
            assertThrows(WscdUnavailable.class, () -> wscd.signEs256(key.handle(), new byte[] {1}));
        }
        try (WscdConnection wscd = factory.getConnection()) {
            assertEquals(64, wscd.signEs256(key.handle(), new byte[] {1}).length);
        }
    }

    @Test
    void theHealthProbeNoticesALostLogin() throws Exception {
        WscdConnectionFactory factory = connections();
        try (WscdConnection wscd = factory.getConnection()) {
            wscd.describe();
        }
        SoftHsmToken.logOut(slot);
        try (WscdConnection wscd = factory.getConnection()) {
            assertThrows(WscdUnavailable.class, wscd::describe);
        }
    }

    @Test
    void aWrongPinIsRefusedWithoutRevealingIt() throws Exception {
        // PKCS#11 login state belongs to the token and the process: use a token nobody logged in to yet
        SoftHsmToken.initialise("wscd-wrong-pin");
        WscdManagedConnectionFactory factory = newFactory();
        factory.setPkcs11Slot(SoftHsmToken.slotOf("wscd-wrong-pin"));
        factory.setPin("987654");
        WscdUnavailable e = assertThrows(WscdUnavailable.class,
                () -> ((WscdConnectionFactory) factory.createConnectionFactory()).getConnection());
        assertFalse(e.getMessage().contains("987654"));
    }
}
