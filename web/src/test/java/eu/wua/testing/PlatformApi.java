package eu.wua.testing;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import eu.wua.audit.verify.AuditExportVerifier;

/** The platform's HTTP API as tests outside the server call it: HTTP Basic, JSON bodies. */
public final class PlatformApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PlatformApi() {
    }

    /** {@code credentials} as {@code user:password}, or null for none; {@code body} JSON, or null for none. */
    public static HttpResponse<String> send(URI base, String method, String path, String credentials, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The audit log from {@code from} to now as the compliance officer exports it, verified offline with the certificate the platform serves. */
    public static AuditExport exportedAuditLog(URI base, String officer, Instant from) throws Exception {
        HttpResponse<String> exported = send(base, "GET", "/admin/v1/audit/export?from=" + from + "&to=" + Instant.now().plusSeconds(1), officer, null);
        if (exported.statusCode() != 200) {
            throw new AssertionError("audit export answered " + exported.statusCode() + ": " + exported.body());
        }
        PublicKey key = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(
                send(base, "GET", "/admin/v1/audit/certificate", officer, null).body().getBytes(StandardCharsets.US_ASCII))).getPublicKey();
        return new AuditExport(exported.body(), AuditExportVerifier.verify(exported.body().lines().toList(), key));
    }

    public record AuditExport(String lines, AuditExportVerifier.Result verification) {
    }

    public static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
