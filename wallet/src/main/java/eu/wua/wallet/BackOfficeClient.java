package eu.wua.wallet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.jose4j.json.JsonUtil;

/**
 * The issuer's back office ({@code POST /issuer/v1/offers}), which identity proofing calls. Not a
 * wallet's business: it is here so that the demo and the tests can play the PID provider's side too.
 */
public class BackOfficeClient {

    /** What the back office answered: the offer's id, the link for the wallet and the tx_code for the second channel. */
    public record Offer(String id, String link, String txCode) {
    }

    private final URI baseUrl;
    private final String basicCredentials;

    public BackOfficeClient(URI baseUrl, String user, String password) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
        this.basicCredentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Offer offer(String configurationId, Map<String, Object> subject) throws IOException, PlatformRefusal {
        String body = JsonUtil.toJson(Map.of("credential_configuration_id", configurationId, "subject", subject));
        Map<String, Object> answer = JsonHttp.send(HttpRequest.newBuilder(baseUrl.resolve("issuer/v1/offers")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + basicCredentials)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        return new Offer((String) answer.get("offer_id"), (String) answer.get("credential_offer_link"), (String) answer.get("tx_code"));
    }

    /** An offer with the authorization code grant: no attributes (the person signs in at the issuer), no tx_code. */
    public Offer authorizationOffer(String configurationId) throws IOException, PlatformRefusal {
        String body = JsonUtil.toJson(Map.of("credential_configuration_id", configurationId, "grant", "authorization_code"));
        Map<String, Object> answer = JsonHttp.send(HttpRequest.newBuilder(baseUrl.resolve("issuer/v1/offers")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + basicCredentials)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        return new Offer((String) answer.get("offer_id"), (String) answer.get("credential_offer_link"), null);
    }
}
