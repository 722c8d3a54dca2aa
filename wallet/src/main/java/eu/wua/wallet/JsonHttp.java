package eu.wua.wallet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/** JSON over HTTP as the platform's APIs speak it; a 4xx answer becomes a {@link PlatformRefusal}. */
final class JsonHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private JsonHttp() {
    }

    static Map<String, Object> post(URI uri, Map<String, ?> body) throws IOException, PlatformRefusal {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JsonUtil.toJson(body))).build();
        return send(request);
    }

    static Map<String, Object> send(HttpRequest request) throws IOException, PlatformRefusal {
        return exchange(request).json();
    }

    /** A JSON answer with the {@code DPoP-Nonce} it carried (RFC 9449 §8.2), or null. */
    record Answer(Map<String, Object> json, String dpopNonce) {
    }

    static Answer exchange(HttpRequest request) throws IOException, PlatformRefusal {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + request.uri(), e);
        }
        Map<String, Object> json = parse(response);
        String dpopNonce = response.headers().firstValue("DPoP-Nonce").orElse(null);
        if (response.statusCode() >= 400) {
            throw new PlatformRefusal(response.statusCode(), String.valueOf(json.getOrDefault("error", "http_" + response.statusCode())),
                    String.valueOf(json.getOrDefault("error_description", response.body())), dpopNonce);
        }
        return new Answer(json, dpopNonce);
    }

    private static Map<String, Object> parse(HttpResponse<String> response) throws IOException {
        if (response.body().isBlank()) {
            return Map.of();
        }
        try {
            return JsonUtil.parseJson(response.body());
        } catch (JoseException e) {
            if (response.statusCode() >= 400) {
                // an HTML error page (a proxy, or a server still deploying): its markup helps nobody
                return Map.of("error", "http_" + response.statusCode(), "error_description",
                        "no JSON error from " + response.request().uri() + ": is the platform running and ready there?");
            }
            throw new IOException(response.request().uri() + " answered " + response.statusCode() + " with a body that is not JSON", e);
        }
    }
}
