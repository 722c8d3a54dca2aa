package eu.wua.wallet;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An OpenID4VCI 1.0 credential issuer as a wallet sees it: endpoints found in its metadata, then
 * nonce, token (pre-authorized code with attestation-based client authentication) and credential.
 */
public class IssuerClient {

    private final String issuer;
    private Map<String, Object> issuerMetadata;
    private Map<String, Object> authorizationServerMetadata;

    /** @param issuer the Credential Issuer Identifier, as the offer's {@code credential_issuer} names it */
    public IssuerClient(String issuer) {
        this.issuer = issuer.replaceAll("/+$", "");
    }

    public String identifier() { return issuer; }

    /** VCI §12.2.2: {@code /.well-known/openid-credential-issuer} inserted between host and path. */
    public Map<String, Object> metadata() throws IOException, PlatformRefusal {
        if (issuerMetadata == null) {
            issuerMetadata = get(wellKnown("openid-credential-issuer"));
            if (!issuer.equals(issuerMetadata.get("credential_issuer"))) {
                throw new IOException("the metadata at " + wellKnown("openid-credential-issuer") + " is for " + issuerMetadata.get("credential_issuer"));
            }
        }
        return issuerMetadata;
    }

    public Map<String, Object> authorizationServerMetadata() throws IOException, PlatformRefusal {
        if (authorizationServerMetadata == null) {
            authorizationServerMetadata = get(wellKnown("oauth-authorization-server"));
        }
        return authorizationServerMetadata;
    }

    public String nonce() throws IOException, PlatformRefusal {
        return (String) JsonHttp.post(URI.create((String) metadata().get("nonce_endpoint")), null).get("c_nonce");
    }

    public String token(String preAuthorizedCode, String txCode, String wia, String pop) throws IOException, PlatformRefusal {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:pre-authorized_code");
        form.put("pre-authorized_code", preAuthorizedCode);
        if (txCode != null) {
            form.put("tx_code", txCode);
        }
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create((String) authorizationServerMetadata().get("token_endpoint")))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("OAuth-Client-Attestation", wia).header("OAuth-Client-Attestation-PoP", pop)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return (String) JsonHttp.send(request).get("access_token");
    }

    /**
     * {@code proofs} as VCI §8.2 has it, e.g. {@code {"jwt": [proof]}}; answers the credentials in order. The Bearer token
     * goes with the WIA it was issued on and a fresh PoP: the platform refuses a token sent by another wallet instance.
     */
    @SuppressWarnings("unchecked")
    public List<String> credential(String accessToken, String wia, String pop, String configurationId, Map<String, Object> proofs)
            throws IOException, PlatformRefusal {
        String body = org.jose4j.json.JsonUtil.toJson(Map.of("credential_configuration_id", configurationId, "proofs", proofs));
        HttpRequest request = HttpRequest.newBuilder(URI.create((String) metadata().get("credential_endpoint")))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json").header("Authorization", "Bearer " + accessToken)
                .header("OAuth-Client-Attestation", wia).header("OAuth-Client-Attestation-PoP", pop)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        List<String> credentials = new ArrayList<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) JsonHttp.send(request).get("credentials")) {
            credentials.add((String) entry.get("credential"));
        }
        return credentials;
    }

    private URI wellKnown(String name) {
        URI id = URI.create(issuer);
        String path = id.getPath() == null ? "" : id.getPath();
        return URI.create(id.getScheme() + "://" + id.getRawAuthority() + "/.well-known/" + name + path);
    }

    private static Map<String, Object> get(URI uri) throws IOException, PlatformRefusal {
        return JsonHttp.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build());
    }
}
