package eu.wua.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

import eu.wua.wscd.KeyHandle;
import eu.wua.wscd.KeyOwner;
import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdConnectionFactory;
import eu.wua.wscd.outbound.WscdManagedConnectionFactory;

/**
 * How key generation and signing cost as a WSCD fills: {@code rounds} rounds of {@code keys}
 * keys each, one line per round with the time for 10 keys (a batch-10 request's share) and for a
 * signature with a key just made. Not JMH: the quantity measured is how the cost changes with the
 * token's content, which a steady-state benchmark would hide.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar eu.wua.benchmarks.WscdKeyGenerationTiming software|pkcs11 ROUNDS KEYS}
 * (pkcs11: slot list index 0 of SoftHSM2 with PIN 1234, as benchmarks/run-wscd-benchmark makes it).
 */
public final class WscdKeyGenerationTiming {

    private WscdKeyGenerationTiming() {
    }

    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "software";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int keys = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        WscdManagedConnectionFactory factory = new WscdManagedConnectionFactory();
        factory.setBackend(backend);
        if ("pkcs11".equals(backend)) {
            factory.setPkcs11Library(WscdSigningBenchmark.LIBRARY);
            factory.setPkcs11SlotListIndex("0");
            factory.setPin(WscdSigningBenchmark.PIN);
        } else {
            Path directory = Files.createTempDirectory("wscd-timing");
            factory.setKeyStoreFile(directory.resolve("wscd.p12").toString());
            factory.setPassphrase("timing-only");
        }
        WscdConnectionFactory connections = (WscdConnectionFactory) factory.createConnectionFactory();
        System.out.println("| keys in the WSCD | 10 keys generated in | one signature |");
        System.out.println("|---|---|---|");
        try (WscdConnection wscd = connections.getConnection()) {
            for (int round = 1; round <= rounds; round++) {
                KeyOwner owner = new KeyOwner("timing-" + System.nanoTime() + "-" + round);
                long start = System.nanoTime();
                for (int i = 0; i < keys; i++) {
                    wscd.generateKey(owner, "k" + i);
                }
                double tenKeysMillis = (System.nanoTime() - start) / 1e6 / keys * 10;
                start = System.nanoTime();
                for (int i = 0; i < keys; i++) {
                    wscd.signEs256(KeyHandle.of(owner, "k" + i), WscdSigningBenchmark.SIGNING_INPUT);
                }
                double signatureMillis = (System.nanoTime() - start) / 1e6 / keys;
                System.out.printf("| %,d | %.1f ms | %.3f ms |%n", round * keys, tenKeysMillis, signatureMillis);
            }
        }
    }
}
