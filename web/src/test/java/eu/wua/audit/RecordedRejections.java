package eu.wua.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonArray;

/**
 * The reason the audit trail recorded for the newest refusal since a request was sent, read as a
 * compliance officer reads it (the audit API): what a refusal's test asserts besides status and wire code.
 */
public final class RecordedRejections {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RecordedRejections() {
    }

    /** The {@code reason} of the newest rejection recorded since {@code sentAt} (a second's leeway for the clocks). */
    public static String newestReason(URI platform, Instant sentAt) throws Exception {
        HttpRequest audit = HttpRequest.newBuilder(platform.resolve("/admin/v1/audit?outcome=REJECTED&size=500&from=" + sentAt.minusSeconds(1)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("compliance-officer:compliance-test-pw"
                        .getBytes(StandardCharsets.UTF_8))).GET().build();
        HttpResponse<String> events = HTTP.send(audit, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, events.statusCode(), events.body());
        JsonArray list = Json.createReader(new StringReader(events.body())).readObject().getJsonArray("events");
        assertFalse(list.isEmpty(), "no rejection was recorded since " + sentAt);
        return list.getJsonObject(list.size() - 1).getJsonObject("details").getString("reason", "");
    }
}
