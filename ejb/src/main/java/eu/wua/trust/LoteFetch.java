package eu.wua.trust;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The list's bytes from its URL or, air-gapped, from a file; at most {@code maxSize} of them. Redirects
 * are not followed: the configured URL is where the list is published.
 */
final class LoteFetch {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private LoteFetch() {
    }

    static byte[] read(String location, boolean url, int maxSize, Duration timeout) throws LoteRefused {
        return url ? fetch(location, maxSize, timeout) : file(location, maxSize);
    }

    private static byte[] fetch(String location, int maxSize, Duration timeout) throws LoteRefused {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            throw new LoteRefused("wua.trust.lote.url is not a URL: " + location);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new LoteRefused("wua.trust.lote.url is not an http(s) URL: " + location);
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("Accept", "application/jose, application/jwt, application/xml, text/xml, */*").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new LoteRefused("fetching " + location + " answered HTTP " + response.statusCode());
                }
                if (response.headers().firstValueAsLong("Content-Length").orElse(0) > maxSize) {
                    throw new LoteRefused(tooLarge(location, maxSize));
                }
                return bounded(body, location, maxSize);
            }
        } catch (IOException e) {
            throw new LoteRefused("fetching " + location + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoteRefused("fetching " + location + " was interrupted");
        }
    }

    private static byte[] file(String location, int maxSize) throws LoteRefused {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            return bounded(in, location, maxSize);
        } catch (IOException e) {
            throw new LoteRefused("reading " + location + " failed: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static byte[] bounded(InputStream in, String location, int maxSize) throws IOException, LoteRefused {
        byte[] read = in.readNBytes(maxSize + 1);
        if (read.length > maxSize) {
            throw new LoteRefused(tooLarge(location, maxSize));
        }
        return read;
    }

    private static String tooLarge(String location, int maxSize) {
        return location + " is larger than " + maxSize + " bytes (wua.trust.lote.max-size)";
    }
}
