package eu.wua.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's floor: how many of its cheapest requests it answers per second, with the HTTP client
 * and the concurrency of the load tool ({@code ./run load}), on the same cores. An endpoint that
 * does real work cannot be faster than this, which bounds what fraction of the signing ceiling the
 * credential endpoint can reach on a given machine. Not JMH: the cost measured is the server's,
 * across a socket.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar eu.wua.benchmarks.HttpFloor URL [CONCURRENCY] [SECONDS] [SERVER_PID]}
 * (loopback addresses only; 5 s of warm-up, then SECONDS measured). With the server's process id,
 * also the server's own CPU time per request, from {@code /proc}: the client shares the cores, so
 * requests/s alone mixes the two.
 */
public final class HttpFloor {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final String USAGE = "usage: HttpFloor URL [CONCURRENCY] [SECONDS] [SERVER_PID]";
    /** Linux reports process times in USER_HZ ticks, 100 a second on every architecture's user ABI. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private HttpFloor() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            refuse(USAGE);
        }
        URI url = null;
        try {
            url = new URI(args[0]);
        } catch (URISyntaxException e) {
            refuse(args[0] + " is not a URL: " + e.getReason() + "; " + USAGE);
        }
        int concurrency = args.length > 1 ? number(args[1]) : 4;
        int seconds = args.length > 2 ? number(args[2]) : 20;
        if (!isLoopback(url)) {
            refuse("HttpFloor sends load to loopback addresses only, not " + url);
        }
        if (concurrency < 1 || concurrency > 64 || seconds < 1 || seconds > 600) {
            refuse("CONCURRENCY is 1-64 and SECONDS 1-600");
        }
        String serverPid = args.length > 3 ? args[3] : null;
        run(url, concurrency, 5, new AtomicLong(), new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        long serverTicks = serverPid == null ? 0 : cpuTicks(serverPid);
        long started = System.nanoTime();
        long requests = run(url, concurrency, seconds, failures, latencies);
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).filter(l -> l > 0).sorted().toArray();
        System.out.printf("%s: %d requests in %.1f s at concurrency %d: %.0f requests/s, p50 %.2f ms, p99 %.2f ms, %d failed (status 400 or more, or no answer)%n",
                url, requests, elapsed, concurrency, requests / elapsed, percentile(all, 0.50), percentile(all, 0.99), failures.get());
        if (serverPid != null) {
            double serverCpuMs = (cpuTicks(serverPid) - serverTicks) * 1000.0 / CLOCK_TICKS_PER_SECOND;
            System.out.printf("server process %s: %.0f ms of CPU in %.1f s (%.2f cores), %.3f ms of CPU per request%n",
                    serverPid, serverCpuMs, elapsed, serverCpuMs / 1000 / elapsed, serverCpuMs / requests);
        }
    }

    /** A command-line tool's refusal: one line on standard error, exit status 2. */
    private static void refuse(String message) {
        System.err.println(message);
        System.exit(2);
    }

    private static boolean isLoopback(URI url) {
        try {
            return url.getHost() != null && InetAddress.getByName(url.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static int number(String argument) {
        try {
            return Integer.parseInt(argument);
        } catch (NumberFormatException e) {
            refuse(argument + " is not a number; " + USAGE);
            return 0;
        }
    }

    /** User plus system time of every thread of the process (fields 14 and 15 of /proc/PID/stat). */
    static long cpuTicks(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        // the command name (field 2) may hold spaces: count fields after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long run(URI url, int concurrency, int seconds, AtomicLong failures, List<long[]> latencies) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong count = new AtomicLong();
        Thread[] threads = new Thread[concurrency];
        for (int t = 0; t < concurrency; t++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            threads[t] = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() >= 400) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    if (n < mine.length) {
                        mine[n++] = System.nanoTime() - start;
                    }
                    count.incrementAndGet();
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return count.get();
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
