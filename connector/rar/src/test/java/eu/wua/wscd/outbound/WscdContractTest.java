package eu.wua.wscd.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import eu.wua.wscd.GeneratedKey;
import eu.wua.wscd.KeyHandle;
import eu.wua.wscd.KeyOwner;
import eu.wua.wscd.UnknownKey;
import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdConnectionFactory;

/** What every WSCD backend must do; subclasses open a real token of their kind. */
abstract class WscdContractTest {

    /** A managed connection factory configured for a fresh token of the backend under test. */
    abstract WscdManagedConnectionFactory newFactory() throws Exception;

    WscdConnectionFactory connections() throws Exception {
        return (WscdConnectionFactory) newFactory().createConnectionFactory();
    }

    static KeyOwner newOwner() {
        return new KeyOwner("wallet-" + UUID.randomUUID());
    }

    static boolean verifiesOutsideTheWscd(ECPublicKey publicKey, byte[] data, byte[] rs) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format", "SunEC");
        verifier.initVerify(publicKey);
        verifier.update(data);
        return verifier.verify(rs);
    }

    @Test
    void aGeneratedKeySignsWithSixtyFourByteRsThatVerifiesWithItsPublicKeyAlone() throws Exception {
        try (WscdConnection wscd = connections().getConnection()) {
            GeneratedKey key = wscd.generateKey(newOwner(), "k1");
            byte[] data = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0".getBytes(StandardCharsets.US_ASCII);

            byte[] rs = wscd.signEs256(key.handle(), data);

            assertEquals(64, rs.length, "ES256 signatures are r‖s, 32 bytes each");
            assertTrue(verifiesOutsideTheWscd(key.publicKey(), data, rs));
            assertFalse(verifiesOutsideTheWscd(key.publicKey(), "other".getBytes(StandardCharsets.US_ASCII), rs));
            assertEquals("secp256r1 [NIST P-256,X9.62 prime256v1] (1.2.840.10045.3.1.7)",
                    key.publicKey().getParams().toString());
        }
    }

    @Test
    void thePublicKeyReadBackIsTheOneGenerated() throws Exception {
        try (WscdConnection wscd = connections().getConnection()) {
            GeneratedKey key = wscd.generateKey(newOwner(), "k1");
            assertArrayEquals(key.publicKey().getEncoded(), wscd.publicKey(key.handle()).getEncoded());
        }
    }

    @Test
    void keysAreListedPerOwnerAndADestroyedKeyCannotSign() throws Exception {
        KeyOwner owner = newOwner();
        KeyOwner other = newOwner();
        try (WscdConnection wscd = connections().getConnection()) {
            GeneratedKey first = wscd.generateKey(owner, "a");
            GeneratedKey second = wscd.generateKey(owner, "b");
            wscd.generateKey(other, "a");

            assertEquals(List.of(first.handle(), second.handle()), wscd.keysOf(owner));

            wscd.destroy(first.handle());

            assertEquals(List.of(second.handle()), wscd.keysOf(owner));
            assertThrows(UnknownKey.class, () -> wscd.signEs256(first.handle(), new byte[] {1}));
            assertThrows(UnknownKey.class, () -> wscd.publicKey(first.handle()));
            wscd.destroy(first.handle()); // destroying twice is not an error
        }
    }

    @Test
    void theLongestHandleAllowedWorks() throws Exception {
        KeyOwner owner = new KeyOwner("o".repeat(56) + UUID.randomUUID().toString().substring(0, 8));
        try (WscdConnection wscd = connections().getConnection()) {
            GeneratedKey key = wscd.generateKey(owner, "l".repeat(64));
            byte[] data = {9};
            assertTrue(verifiesOutsideTheWscd(key.publicKey(), data, wscd.signEs256(key.handle(), data)));
            assertEquals(List.of(key.handle()), wscd.keysOf(owner));
        }
    }

    @Test
    void aKeyCannotBeGeneratedTwiceUnderTheSameHandle() throws Exception {
        KeyOwner owner = newOwner();
        try (WscdConnection wscd = connections().getConnection()) {
            wscd.generateKey(owner, "same");
            Exception e = assertThrows(eu.wua.wscd.WscdException.class, () -> wscd.generateKey(owner, "same"));
            assertTrue(e.getMessage().contains("exists already"), e.getMessage());
        }
    }

    @Test
    void noOperationOfTheConnectionCanReturnAPrivateKey() {
        for (Method method : WscdConnection.class.getMethods()) {
            assertFalse(Key.class.isAssignableFrom(method.getReturnType())
                    && !java.security.PublicKey.class.isAssignableFrom(method.getReturnType()),
                    method + " returns key material");
        }
        for (var component : GeneratedKey.class.getRecordComponents()) {
            assertFalse(java.security.PrivateKey.class.isAssignableFrom(component.getType()));
        }
    }

    @Test
    void aClosedConnectionRefusesEveryCall() throws Exception {
        WscdConnection wscd = connections().getConnection();
        wscd.close();
        Exception e = assertThrows(eu.wua.wscd.WscdException.class, () -> wscd.keysOf(newOwner()));
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void thirtyTwoThreadsSignAtOnceAndEverySignatureVerifies() throws Exception {
        WscdConnectionFactory factory = connections();
        GeneratedKey key;
        try (WscdConnection wscd = factory.getConnection()) {
            key = wscd.generateKey(newOwner(), "shared");
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Integer>> signers = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                int thread = t;
                signers.add(() -> {
                    int verified = 0;
                    for (int i = 0; i < 20; i++) {
                        byte[] data = ("thread " + thread + " message " + i).getBytes(StandardCharsets.UTF_8);
                        try (WscdConnection wscd = factory.getConnection()) {
                            if (verifiesOutsideTheWscd(key.publicKey(), data, wscd.signEs256(key.handle(), data))) {
                                verified++;
                            }
                        }
                    }
                    return verified;
                });
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(signers, 5, TimeUnit.MINUTES)) {
                total += result.get();
            }
            assertEquals(32 * 20, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eightWalletsGenerateAndSignAtOnceWithoutAFailure() throws Exception {
        // as the first requests after a start do: key generation and signatures from many threads at once
        WscdConnectionFactory factory = connections();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> wallets = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                wallets.add(() -> {
                    KeyOwner owner = newOwner();
                    int verified = 0;
                    for (int i = 0; i < 10; i++) {
                        byte[] data = (owner + " key " + i).getBytes(StandardCharsets.UTF_8);
                        try (WscdConnection wscd = factory.getConnection()) {
                            GeneratedKey key = wscd.generateKey(owner, "k" + i);
                            if (verifiesOutsideTheWscd(key.publicKey(), data, wscd.signEs256(key.handle(), data))) {
                                verified++;
                            }
                        }
                    }
                    return verified;
                });
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(wallets, 5, TimeUnit.MINUTES)) {
                total += result.get();
            }
            assertEquals(8 * 10, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keysSurviveReopeningTheToken() throws Exception {
        WscdManagedConnectionFactory factory = newFactory();
        KeyOwner owner = newOwner();
        GeneratedKey key;
        try (WscdConnection wscd = ((WscdConnectionFactory) factory.createConnectionFactory()).getConnection()) {
            key = wscd.generateKey(owner, "durable");
        }
        WscdManagedConnectionFactory reopened = copyOf(factory);
        try (WscdConnection wscd = ((WscdConnectionFactory) reopened.createConnectionFactory()).getConnection()) {
            assertEquals(List.of(key.handle()), wscd.keysOf(owner));
            byte[] data = {1, 2, 3};
            assertTrue(verifiesOutsideTheWscd(key.publicKey(), data, wscd.signEs256(key.handle(), data)));
        }
    }

    static WscdManagedConnectionFactory copyOf(WscdManagedConnectionFactory f) {
        WscdManagedConnectionFactory copy = new WscdManagedConnectionFactory();
        copy.setBackend(f.getBackend());
        copy.setKeyStoreFile(f.getKeyStoreFile());
        copy.setPassphrase(f.getPassphrase());
        copy.setPkcs11Library(f.getPkcs11Library());
        copy.setPkcs11Slot(f.getPkcs11Slot());
        copy.setPkcs11SlotListIndex(f.getPkcs11SlotListIndex());
        copy.setPin(f.getPin());
        return copy;
    }

    static KeyHandle handle(String value) {
        return new KeyHandle(value);
    }
}
