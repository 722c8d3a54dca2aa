package eu.wua.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of the platform as an operator runs it: Payara Micro with the RAR and the WAR, its own
 * port, the shared database and WSCD key directory, settings as system properties. Started and
 * waited for until ready; stopped by SIGKILL when a test wants it dead mid-work.
 */
public final class PlatformNode {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String name;
    private final int port;
    private final Path log;
    private Process process;

    private PlatformNode(String name, int port, Path log) {
        this.name = name;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code name} on {@code port} with the suite's settings and {@code settings} of its own; returns once /health/ready is UP. */
    public static PlatformNode start(String name, int port, List<String> settings) throws Exception {
        Path directory = Path.of(System.getProperty("it.war")).getParent().resolve("nodes");
        Files.createDirectories(directory);
        PlatformNode node = new PlatformNode(name, port, directory.resolve(name + ".log"));
        // a root directory of an earlier run would deploy its copy of the application first, and answer ready with it
        Path root = directory.resolve(name + "-root");
        if (Files.exists(root)) {
            try (var tree = Files.walk(root)) {
                tree.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(System.getProperty("it.platform.options").trim().split("\\s+")));
        command.addAll(settings);
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"), "--nocluster", "--port", String.valueOf(port), "--contextroot", "/",
                "--rootdir", root.toString(), "--prebootcommandfile", System.getProperty("it.preboot"),
                "--deploy", System.getProperty("it.rar"), "--deploy", System.getProperty("it.war")));
        node.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(node.log.toFile()).start();
        node.awaitReady(Duration.ofMinutes(4));
        return node;
    }

    private void awaitReady(Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up; see " + log);
            }
            if (status("/health/ready") == 200 && status("/") < 500) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not ready within " + within + "; see " + log);
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    public URI base() {
        return URI.create("http://localhost:" + port);
    }

    public String name() {
        return name;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no transaction finished, as when a machine dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public void stop() throws InterruptedException {
        if (alive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
