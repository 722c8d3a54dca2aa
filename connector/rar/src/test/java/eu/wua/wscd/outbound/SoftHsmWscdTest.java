package eu.wua.wscd.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import eu.wua.wscd.GeneratedKey;
import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdConnectionFactory;
import eu.wua.wscd.WscdDescription;
import eu.wua.wscd.WscdUnavailable;

/** The contract against a real PKCS#11 token: SoftHSM2 through SunPKCS11 (run with -Psofthsm). */
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
        // go around the adapter, straight to the token with the user PIN, as an attacker with the PIN would
        Provider provider = Security.getProvider("SunPKCS11").configure(
                "--name = Attacker\nlibrary = " + SoftHsmToken.LIBRARY + "\nslot = " + slot + "\n");
        KeyStore token = KeyStore.getInstance("PKCS11", provider);
        token.load(null, SoftHsmToken.PIN.toCharArray());
        PrivateKey privateKey = (PrivateKey) token.getKey(key.handle().value(), null);

        assertNull(privateKey.getEncoded(), "a sensitive key has no encoding");
        assertFalse(privateKey instanceof ECPrivateKey, "no private scalar is exposed");
        assertTrue(privateKey.toString().contains("sensitive"), privateKey.toString());
        KeyFactory keys = KeyFactory.getInstance("EC", provider);
        assertThrows(Exception.class, () -> keys.getKeySpec(privateKey, ECPrivateKeySpec.class));
        assertThrows(Exception.class, () -> keys.getKeySpec(privateKey, PKCS8EncodedKeySpec.class));
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
