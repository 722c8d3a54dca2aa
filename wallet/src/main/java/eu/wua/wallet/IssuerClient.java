package eu.wua.wallet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OpenID4VCI 1.0 credential issuer as a wallet sees it: endpoints found in its metadata, then
 * nonce, PAR, token (pre-authorized code, authorization code or refresh token, with
 * attestation-based client authentication and a DPoP proof) and credential (the DPoP-bound token with a proof by its key). A refusal that asks for
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

    /**
     * An access token and the DPoP key it is bound to ({@code type} {@code DPoP}), or a Bearer token (none); the refresh token
     * and the credential identifier (VCI §6.2) when the token response gave them, else null.
     */
    public record AccessToken(String value, String type, DpopKey dpopKey, String refreshToken, String credentialIdentifier) {
        public AccessToken(String value, String type, DpopKey dpopKey) {
            this(value, type, dpopKey, null, null);
        }

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
        return token(form, wia, pop, dpopKey);
    }

    /** RFC 6749 §4.1.3 with the PKCE verifier; the code was bound to {@code dpopKey} at the PAR. */
    public AccessToken token(String code, AuthorizationFlow flow, String wia, String pop) throws IOException, PlatformRefusal {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", AuthorizationFlow.REDIRECT_URI);
        form.put("code_verifier", flow.codeVerifier());
        return token(form, wia, pop, flow.dpopKey());
    }

    /** RFC 6749 §6: a new access token (and refresh token) for the same DPoP key. */
    public AccessToken refresh(AccessToken previous, String wia, String pop) throws IOException, PlatformRefusal {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", previous.refreshToken());
        return token(form, wia, pop, previous.dpopKey());
    }

    @SuppressWarnings("unchecked")
    private AccessToken token(Map<String, String> form, String wia, String pop, DpopKey dpopKey) throws IOException, PlatformRefusal {
        String body = AuthorizationFlow.formOf(form);
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
        String identifier = null;
        if (answer.get("authorization_details") instanceof List<?> details && !details.isEmpty()) {
            List<String> identifiers = (List<String>) ((Map<String, Object>) details.get(0)).get("credential_identifiers");
            identifier = identifiers == null || identifiers.isEmpty() ? null : identifiers.get(0);
        }
        return new AccessToken((String) answer.get("access_token"), String.valueOf(answer.get("token_type")), dpopKey,
                (String) answer.get("refresh_token"), identifier);
    }

    /** RFC 9126 §2: the request pushed with the client attestation and a DPoP proof (RFC 9449 §10); answers the request_uri. */
    public String pushAuthorization(Map<String, String> parameters, String wia, String pop, DpopKey dpopKey) throws IOException, PlatformRefusal {
        String endpoint = (String) authorizationServerMetadata().get("pushed_authorization_request_endpoint");
        if (endpoint == null) {
            throw new IOException("the authorization server names no pushed_authorization_request_endpoint");
        }
        String body = AuthorizationFlow.formOf(parameters);
        Map<String, Object> answer = withDpopNonceRetry(dpopKey, () -> HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("OAuth-Client-Attestation", wia).header("OAuth-Client-Attestation-PoP", pop)
                .header("DPoP", dpopKey.proof("POST", endpoint, null)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        return (String) answer.get("request_uri");
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
        // VCI §8.2: by the credential identifier when the token response gave one
        String body = org.jose4j.json.JsonUtil.toJson(accessToken.credentialIdentifier() != null
                ? Map.of("credential_identifier", accessToken.credentialIdentifier(), "proofs", proofs)
                : Map.of("credential_configuration_id", configurationId, "proofs", proofs));
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
