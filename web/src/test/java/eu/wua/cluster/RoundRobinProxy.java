package eu.wua.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import eu.wua.testing.PlatformNode;

/**
 * The load balancer in front of the nodes, at the platform's public URL: each request goes to the
 * next live node in turn, so a wallet's flow alternates between them and parallel requests are
 * split across them. Counts what each node served.
 */
final class RoundRobinProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding",
            "keep-alive", "te", "trailer", "proxy-connection");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpServer server;
    private final List<PlatformNode> nodes;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong[] served;

    RoundRobinProxy(int port, List<PlatformNode> nodes) throws IOException {
        this.nodes = nodes;
        this.served = new AtomicLong[nodes.size()];
        for (int i = 0; i < served.length; i++) {
            served[i] = new AtomicLong();
        }
        server = HttpServer.create(new InetSocketAddress("localhost", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(48));
        server.createContext("/", this::forward);
        server.start();
    }

    /** Requests each node served since the last call, by node, in the order the nodes were given. */
    long[] servedSinceLastCall() {
        long[] counts = new long[served.length];
        for (int i = 0; i < served.length; i++) {
            counts[i] = served[i].getAndSet(0);
        }
        return counts;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            int index = nextLiveNode();
            PlatformNode node = nodes.get(index);
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.base() + exchange.getRequestURI().toString()))
                    .timeout(Duration.ofMinutes(2))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            served[index].incrementAndGet();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (IOException e) {
            exchange.sendResponseHeaders(502, -1);
        }
    }

    private int nextLiveNode() {
        for (int attempt = 0; attempt < nodes.size(); attempt++) {
            int index = Math.floorMod(next.getAndIncrement(), nodes.size());
            if (nodes.get(index).alive()) {
                return index;
            }
        }
        throw new IllegalStateException("no node is alive");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
