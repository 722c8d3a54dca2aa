package eu.wua.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import eu.wua.status.StatusListFormat;

/**
 * A Token Status List of 1,000,000 entries encoded and signed as the publisher does it: pack the
 * non-valid entries (a share of them revoked, at random indexes), ZLIB at the best compression,
 * base64url, one ES256 signature over the token (the JDK's EC here; the WSCD signs one per list).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StatusListBenchmark {

    @Param({"1000000"})
    int size;

    /** Revoked entries per thousand. */
    @Param({"10", "100"})
    int revokedPerMille;

    private List<int[]> revoked;
    private KeyPair key;

    @Setup
    public void entries() throws Exception {
        SecureRandom random = new SecureRandom();
        revoked = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (random.nextInt(1000) < revokedPerMille) {
                revoked.add(new int[] {i, 1});
            }
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        key = generator.generateKeyPair();
        String lst = StatusListFormat.compress(StatusListFormat.pack(size, 2, revoked));
        System.err.println("compressed list, 2 bits, " + revokedPerMille + " per mille revoked: " + lst.length() + " base64url characters");
    }

    @Benchmark
    public byte[] encodeAndSign() throws Exception {
        String lst = StatusListFormat.compress(StatusListFormat.pack(size, 2, revoked));
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initSign(key.getPrivate());
        es256.update(("{\"alg\":\"ES256\"}.{\"status_list\":{\"bits\":2,\"lst\":\"" + lst + "\"}}").getBytes(StandardCharsets.US_ASCII));
        return es256.sign();
    }
}
