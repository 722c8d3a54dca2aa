package eu.wua.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import eu.wua.wscd.GeneratedKey;
import eu.wua.wscd.KeyHandle;
import eu.wua.wscd.KeyOwner;
import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdConnectionFactory;
import eu.wua.wscd.outbound.WscdManagedConnectionFactory;

/**
 * ES256 signatures per second: through the WSCD adapter (PKCS#11 called through JNA), through
 * SunPKCS11 (the JDK's JNI binding) with a key on the same token, and with the JDK's software EC signer. Needs a SoftHSM2 (or other PKCS#11) token:
 * run it with benchmarks/run-wscd-benchmark, which makes one and sets SOFTHSM2_CONF.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WscdSigningBenchmark {

    static final String LIBRARY = System.getProperty("wscd.library", "/usr/lib/softhsm/libsofthsm2.so");
    static final String PIN = System.getProperty("wscd.pin", "1234");
    /** A typical JWS signing input: a header and a PID-sized payload. */
    static final byte[] SIGNING_INPUT = ("eyJhbGciOiJFUzI1NiIsInR5cCI6ImRjK3NkLWp3dCJ9." + "x".repeat(900))
            .getBytes(StandardCharsets.US_ASCII);

    /** One token and one key, shared by every thread, as in the server. */
    @State(Scope.Benchmark)
    public static class Token {
        WscdConnectionFactory adapter;
        KeyHandle key;
        Provider directProvider;
        PrivateKey directKey;
        KeyPair softwareKey;

        @Setup(Level.Trial)
        public void open() throws Exception {
            WscdManagedConnectionFactory factory = new WscdManagedConnectionFactory();
            factory.setBackend("pkcs11");
            factory.setPkcs11Library(LIBRARY);
            factory.setPkcs11SlotListIndex("0");
            factory.setPin(PIN);
            adapter = (WscdConnectionFactory) factory.createConnectionFactory();
            try (WscdConnection connection = adapter.getConnection()) {
                GeneratedKey generated = connection.generateKey(new KeyOwner("bench"), "k-" + UUID.randomUUID());
                key = generated.handle();
            }
            // a P-256 key of the same token, a token object as the adapter's keys are (SoftHSM2 checks a
            // token object's file on every use), through a SunPKCS11 provider of its own (the JDK's JNI binding)
            directProvider = Security.getProvider("SunPKCS11").configure("--name = Direct\nlibrary = " + LIBRARY
                    + "\nslotListIndex = 0\nattributes(generate, CKO_PRIVATE_KEY, *) = {\n  CKA_TOKEN = true\n}\n");
            KeyStore.getInstance("PKCS11", directProvider).load(null, PIN.toCharArray()); // logs in
            KeyPairGenerator onToken = KeyPairGenerator.getInstance("EC", directProvider);
            onToken.initialize(new ECGenParameterSpec("secp256r1"));
            directKey = onToken.generateKeyPair().getPrivate();

            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            softwareKey = generator.generateKeyPair();
        }
    }

    /** What a request thread holds: a pooled adapter connection, or its own Signature object. */
    @State(Scope.Thread)
    public static class Signer {
        WscdConnection connection;
        Signature direct;
        Signature software;

        @Setup(Level.Trial)
        public void open(Token token) throws Exception {
            connection = token.adapter.getConnection();
            direct = Signature.getInstance("SHA256withECDSAinP1363Format", token.directProvider);
            software = Signature.getInstance("SHA256withECDSAinP1363Format", "SunEC");
        }

        @TearDown(Level.Trial)
        public void close() {
            connection.close();
        }
    }

    @Benchmark
    public byte[] adapterPkcs11(Token token, Signer signer) throws Exception {
        return signer.connection.signEs256(token.key, SIGNING_INPUT);
    }

    @Benchmark
    public byte[] directSunPkcs11(Token token, Signer signer) throws Exception {
        signer.direct.initSign(token.directKey);
        signer.direct.update(SIGNING_INPUT);
        return signer.direct.sign();
    }

    @Benchmark
    public byte[] jdkSoftwareEc(Token token, Signer signer) throws Exception {
        signer.software.initSign(token.softwareKey.getPrivate());
        signer.software.update(SIGNING_INPUT);
        return signer.software.sign();
    }
}
