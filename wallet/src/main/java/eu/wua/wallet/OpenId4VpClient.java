package eu.wua.wallet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The wallet's side of OpenID4VP 1.0 as the platform's re-issuance verifier speaks it: an
 * {@code openid4vp://} link with {@code client_id} and {@code request_uri}, the request object fetched
 * and checked (ES256 by the {@code x5c} leaf, {@code typ oauth-authz-req+jwt}, a client identifier
 * {@code x509_san_dns:<host>} that the leaf names and that the response URI's host is, §5.9.3), and
 * the {@code direct_post} of the {@code vp_token}, which answers the {@code redirect_uri} to open.
 */
public final class OpenId4VpClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private static final String PREFIX = "x509_san_dns:";

    /** A checked request: who asks, for which claims of which credential query, bound to which nonce, answered where. */
    public record Request(String clientId, String nonce, String state, String responseUri, String credentialQueryId, Set<String> claims) {
    }

    private OpenId4VpClient() {
    }

    public static Request fetch(String link) throws IOException {
        Map<String, String> query;
        try {
            query = AuthorizationFlow.query(URI.create(link));
        } catch (IllegalArgumentException e) {
            throw new IOException("not an OpenID4VP request link: " + e.getMessage());
        }
        String clientId = query.get("client_id");
        String requestUri = query.get("request_uri");
        if (!link.startsWith("openid4vp://") || clientId == null || requestUri == null) {
            throw new IOException("not an OpenID4VP request link by reference (openid4vp://?client_id=...&request_uri=...): " + link);
        }
        if (!clientId.startsWith(PREFIX)) {
            throw new IOException("the verifier's client_id " + clientId + " does not use the x509_san_dns prefix HAIP requires");
        }
        HttpResponse<String> fetched = send(HttpRequest.newBuilder(URI.create(requestUri)).header("Accept", "application/oauth-authz-req+jwt")
                .GET().build());
        if (fetched.statusCode() != 200) {
            throw new IOException("the request object " + requestUri + " answered " + fetched.statusCode() + ": " + fetched.body());
        }
        return checked(fetched.body(), clientId);
    }

    static Request checked(String requestObject, String clientId) throws IOException {
        Map<String, Object> claims;
        try {
            JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(requestObject);
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256"));
            if (!"oauth-authz-req+jwt".equals(jws.getHeader("typ"))) {
                throw new IOException("the request object's typ is " + jws.getHeader("typ") + ", not oauth-authz-req+jwt");
            }
            List<X509Certificate> chain = jws.getCertificateChainHeaderValue();
            if (chain == null || chain.isEmpty()) {
                throw new IOException("the request object has no x5c for its x509_san_dns client identifier");
            }
            String host = clientId.substring(PREFIX.length());
            if (!dnsNames(chain.get(0)).contains(host)) {
                throw new IOException("the request signer's certificate does not name " + host + ", the host of its client_id");
            }
            jws.setKey(chain.get(0).getPublicKey());
            if (!jws.verifySignature()) {
                throw new IOException("the request object's signature does not verify with its x5c certificate");
            }
            claims = JsonUtil.parseJson(jws.getPayload());
        } catch (JoseException e) {
            throw new IOException("the request object does not parse: " + e.getMessage(), e);
        }
        if (!clientId.equals(claims.get("client_id"))) {
            throw new IOException("the request object's client_id is not the link's");
        }
        String responseUri = (String) claims.get("response_uri");
        if (!"direct_post".equals(claims.get("response_mode")) || responseUri == null
                || !clientId.substring(PREFIX.length()).equalsIgnoreCase(URI.create(responseUri).getHost())) {
            throw new IOException("the request must be answered by direct_post to a response_uri on " + clientId.substring(PREFIX.length()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> dcql = (Map<String, Object>) claims.get("dcql_query");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> credentials = dcql == null ? List.of() : (List<Map<String, Object>>) dcql.get("credentials");
        if (credentials.size() != 1 || !"dc+sd-jwt".equals(credentials.get(0).get("format"))) {
            throw new IOException("the wallet answers a DCQL query for one dc+sd-jwt credential only");
        }
        Set<String> wanted = new LinkedHashSet<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> paths = (List<Map<String, Object>>) credentials.get(0).getOrDefault("claims", List.of());
        for (Map<String, Object> claim : paths) {
            List<?> path = (List<?>) claim.get("path");
            if (path != null && !path.isEmpty()) {
                wanted.add(String.valueOf(path.get(0)));
            }
        }
        return new Request(clientId, (String) claims.get("nonce"), (String) claims.get("state"), responseUri,
                (String) credentials.get(0).get("id"), wanted);
    }

    /** Posts the presentation; answers the redirect_uri the verifier sends the browser to. */
    public static String respond(Request request, String presentation) throws IOException, PlatformRefusal {
        String vpToken = JsonUtil.toJson(Map.of(request.credentialQueryId(), List.of(presentation)));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("vp_token", vpToken);
        form.put("state", request.state());
        HttpResponse<String> answered = send(HttpRequest.newBuilder(URI.create(request.responseUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(AuthorizationFlow.formOf(form))).build());
        Map<String, Object> body;
        try {
            body = JsonUtil.parseJson(answered.body());
        } catch (JoseException e) {
            throw new IOException("the response endpoint answered " + answered.statusCode() + " without JSON");
        }
        if (answered.statusCode() != 200) {
            throw new PlatformRefusal(answered.statusCode(), String.valueOf(body.get("error")), String.valueOf(body.get("error_description")));
        }
        return String.valueOf(body.get("redirect_uri"));
    }

    private static List<String> dnsNames(X509Certificate certificate) throws IOException {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            List<String> dns = new ArrayList<>();
            if (names != null) {
                names.stream().filter(name -> Integer.valueOf(2).equals(name.get(0))).forEach(name -> dns.add((String) name.get(1)));
            }
            return dns;
        } catch (CertificateParsingException e) {
            throw new IOException("the request signer's certificate names do not parse", e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + request.uri(), e);
        }
    }
}
