package eu.wua.benchmarks;

import java.net.InetAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletProviderClient;

/**
 * WIAs as wallets ask for them: CONCURRENCY registered wallets each loop over a Wallet Provider
 * nonce and a WIA for the issuer at URL (the two requests a daily WIA costs), with the reference
 * wallet's client. After WARM_UP seconds, SECONDS are measured: WIAs per second and, with the
 * server's process id, the server's own CPU time per WIA from {@code /proc} (the client shares
 * the cores, so the rate alone mixes the two). Loopback only.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar eu.wua.benchmarks.WiaLoad URL CONCURRENCY SECONDS SERVER_PID [WARM_UP]}
 */
public final class WiaLoad {

    private static final String PIN = "135790";
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private WiaLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: WiaLoad URL CONCURRENCY SECONDS SERVER_PID [WARM_UP_SECONDS]");
            System.exit(2);
        }
        URI platform = URI.create(args[0]);
        if (!InetAddress.getByName(platform.getHost()).isLoopbackAddress()) {
            System.err.println("WiaLoad sends load to loopback addresses only, not " + platform);
            System.exit(2);
        }
        int concurrency = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String serverPid = args[3];
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        String issuer = args[0].replaceAll("/+$", "");
        ReferenceWallet[] wallets = new ReferenceWallet[concurrency];
        for (int i = 0; i < concurrency; i++) {
            wallets[i] = ReferenceWallet.register(new WalletProviderClient(platform, issuer + "/wallet-provider"), PIN);
        }
        run(wallets, issuer, warmUp, new AtomicLong());
        AtomicLong failures = new AtomicLong();
        long ticks = HttpFloor.cpuTicks(serverPid);
        long started = System.nanoTime();
        long wias = run(wallets, issuer, seconds, failures);
        double elapsed = (System.nanoTime() - started) / 1e9;
        double serverCpuMs = (HttpFloor.cpuTicks(serverPid) - ticks) * 1000.0 / CLOCK_TICKS_PER_SECOND;
        System.out.printf("%d WIAs in %.1f s at concurrency %d: %.1f WIAs/s, %d failed; server %.0f ms of CPU (%.2f cores), %.2f ms of CPU"
                + " per WIA (its nonce and WIA requests)%n", wias, elapsed, concurrency, wias / elapsed, failures.get(), serverCpuMs,
                serverCpuMs / 1000 / elapsed, serverCpuMs / wias);
    }

    private static long run(ReferenceWallet[] wallets, String issuer, int seconds, AtomicLong failures) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong count = new AtomicLong();
        Thread[] threads = new Thread[wallets.length];
        for (int t = 0; t < wallets.length; t++) {
            ReferenceWallet wallet = wallets[t];
            threads[t] = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        wallet.walletInstanceAttestation(issuer);
                        count.incrementAndGet();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return count.get();
    }
}
