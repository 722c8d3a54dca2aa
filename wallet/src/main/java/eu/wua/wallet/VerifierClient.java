package eu.wua.wallet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;

/** The platform's presentation verifier API as a relying party calls it (HTTP Basic, role issuer-operator). */
public final class VerifierClient {

    private final URI baseUrl;
    private final String basicCredentials;

    private VerifierClient(URI baseUrl, String basicCredentials) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
        this.basicCredentials = basicCredentials;
    }

    /** {@code operator}: USER:PASSWORD. */
    public static VerifierClient of(URI baseUrl, String operator) {
        return new VerifierClient(baseUrl, Base64.getEncoder().encodeToString(operator.getBytes(StandardCharsets.UTF_8)));
    }

    public String nonce() throws IOException, PlatformRefusal {
        return (String) send("verifier/v1/nonces", "").get("nonce");
    }

    /** The verifier's answer: {@code valid}, {@code claims}, {@code key_binding_key_id}, {@code checks}; a refusal is thrown. */
    public Map<String, Object> verify(String presentation, String nonce, String audience, List<String> transactionData)
            throws IOException, PlatformRefusal {
        return send("verifier/v1/presentations", JsonUtil.toJson(Map.of("presentation", presentation, "nonce", nonce, "audience", audience,
                "transaction_data", transactionData)));
    }

    private Map<String, Object> send(String path, String body) throws IOException, PlatformRefusal {
        return JsonHttp.send(HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + basicCredentials)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
