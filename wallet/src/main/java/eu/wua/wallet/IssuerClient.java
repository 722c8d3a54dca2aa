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
 * nonce, token (pre-authorized code with attestation-based client authentication and a DPoP
 * proof) and credential (the DPoP-bound token with a proof by its key). A refusal that asks for
 * the server's DPoP nonce is answered once with a new proof carrying it (RFC 9449 §8).
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

    /** An access token and the DPoP key it is bound to ({@code type} {@code DPoP}), or a Bearer token (none). */
    public record AccessToken(String value, String type, DpopKey dpopKey) {
        public boolean dpopBound() {
            return "DPoP".equalsIgnoreCase(type);
        }
    }

    /** With a new DPoP key; {@link #token(String, String, String, String, DpopKey)} with none asks for a Bearer token. */
    public AccessToken token(String preAuthorizedCode, String txCode, String wia, String pop) throws IOException, PlatformRefusal {
        return token(preAuthorizedCode, txCode, wia, pop, DpopKey.generate());
    }

    public AccessToken token(String preAuthorizedCode, String txCode, String wia, String pop, DpopKey dpopKey)
            throws IOException, PlatformRefusal {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:pre-authorized_code");
        form.put("pre-authorized_code", preAuthorizedCode);
        if (txCode != null) {
            form.put("tx_code", txCode);
        }
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        String endpoint = (String) authorizationServerMetadata().get("token_endpoint");
        Map<String, Object> answer = withDpopNonceRetry(dpopKey, () -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("OAuth-Client-Attestation", wia).header("OAuth-Client-Attestation-PoP", pop)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (dpopKey != null) {
                request.header("DPoP", dpopKey.proof("POST", endpoint, null));
            }
            return request.build();
        });
        return new AccessToken((String) answer.get("access_token"), String.valueOf(answer.get("token_type")), dpopKey);
    }

    /** A request made afresh for a retry: a DPoP proof is used once. */
    private interface RequestMaker {
        HttpRequest make();
    }

    private static Map<String, Object> withDpopNonceRetry(DpopKey dpopKey, RequestMaker request) throws IOException, PlatformRefusal {
        try {
            JsonHttp.Answer answer = JsonHttp.exchange(request.make());
            if (dpopKey != null) {
                dpopKey.useNonce(answer.dpopNonce());
            }
            return answer.json();
        } catch (PlatformRefusal refusal) {
            if (dpopKey == null || !"use_dpop_nonce".equals(refusal.error()) || refusal.dpopNonce() == null) {
                throw refusal;
            }
            dpopKey.useNonce(refusal.dpopNonce());
            JsonHttp.Answer answer = JsonHttp.exchange(request.make());
            dpopKey.useNonce(answer.dpopNonce());
            return answer.json();
        }
    }

    /**
     * {@code proofs} as VCI §8.2 has it, e.g. {@code {"jwt": [proof]}}; answers the credentials in order. The Bearer token
     * goes with the WIA it was issued on and a fresh PoP: the platform refuses a token sent by another wallet instance.
     */
    @SuppressWarnings("unchecked")
    public List<String> credential(AccessToken accessToken, String wia, String pop, String configurationId, Map<String, Object> proofs)
            throws IOException, PlatformRefusal {
        String body = org.jose4j.json.JsonUtil.toJson(Map.of("credential_configuration_id", configurationId, "proofs", proofs));
        String endpoint = (String) metadata().get("credential_endpoint");
        DpopKey dpopKey = accessToken.dpopBound() ? accessToken.dpopKey() : null;
        Map<String, Object> answer = withDpopNonceRetry(dpopKey, () -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (dpopKey != null) {
                request.header("Authorization", "DPoP " + accessToken.value()).header("DPoP", dpopKey.proof("POST", endpoint, accessToken.value()));
            } else {
                request.header("Authorization", "Bearer " + accessToken.value())
                        .header("OAuth-Client-Attestation", wia).header("OAuth-Client-Attestation-PoP", pop);
            }
            return request.build();
        });
        List<String> credentials = new ArrayList<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) answer.get("credentials")) {
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
