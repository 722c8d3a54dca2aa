package eu.wua.verifier;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import eu.wua.platform.JsonLimits;

/**
 * The one class that knows OpenID4VP 1.0's wire format as the re-issuance verifier speaks it: the
 * request object (JAR, RFC 9101, by reference; §5), the {@code openid4vp://} link that points to it,
 * the DCQL query for one PID (§6), and the {@code vp_token} of a {@code direct_post} response
 * (§8.1: an object from the query's credential id to an array of presentations).
 */
public final class OpenId4VpRequest {

    /** The client identifier prefix HAIP requires for a verifier with a certificate (OpenID4VP §5.9.3). */
    public static final String CLIENT_ID_PREFIX = "x509_san_dns:";
    public static final String REQUEST_OBJECT_TYPE = "oauth-authz-req+jwt";
    public static final String MEDIA_TYPE = "application/oauth-authz-req+jwt";
    /** The id of the query's one credential, the key of the {@code vp_token} object. */
    public static final String CREDENTIAL_QUERY_ID = "pid";
    /** OpenID4VP §5.8: the audience of a request object that is not for one known wallet. */
    static final String SELF_ISSUED = "https://self-issued.me/v2";
    static final int MAX_VP_TOKEN = 40 * 1024;

    private OpenId4VpRequest() {
    }

    /** {@code x509_san_dns:<host>}: the host the request signer's certificate names. */
    public static String clientId(String host) {
        return CLIENT_ID_PREFIX + host;
    }

    /** The link the authorization page offers: the wallet fetches the request by reference (§5.10). */
    public static String link(String clientId, String requestUri) {
        return "openid4vp://?client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&request_uri="
                + URLEncoder.encode(requestUri, StandardCharsets.UTF_8);
    }

    /** The protected header: ES256 with the signer's chain, the anchor left out (HAIP). */
    public static JsonObject header(List<X509Certificate> x5cWithoutAnchor) {
        JsonArrayBuilder x5c = JSON.createArrayBuilder();
        for (X509Certificate certificate : x5cWithoutAnchor) {
            try {
                x5c.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("the request signer's certificate does not encode", e);
            }
        }
        return JSON.createObjectBuilder().add("alg", "ES256").add("typ", REQUEST_OBJECT_TYPE).add("x5c", x5c).build();
    }

    /** The request's claims: a PID of {@code vct} with exactly {@code claims}, answered by direct_post to {@code responseUri}. */
    public static JsonObject payload(String clientId, String responseUri, String nonce, String state, String vct, List<String> claims,
            Instant issuedAt, Instant expiresAt) {
        return JSON.createObjectBuilder()
                .add("iss", clientId)
                .add("aud", SELF_ISSUED)
                .add("client_id", clientId)
                .add("response_type", "vp_token")
                .add("response_mode", "direct_post")
                .add("response_uri", responseUri)
                .add("nonce", nonce)
                .add("state", state)
                .add("iat", issuedAt.getEpochSecond())
                .add("exp", expiresAt.getEpochSecond())
                .add("dcql_query", dcqlQuery(vct, claims))
                .add("client_metadata", JSON.createObjectBuilder().add("vp_formats_supported", JSON.createObjectBuilder()
                        .add("dc+sd-jwt", JSON.createObjectBuilder()
                                .add("sd-jwt_alg_values", JSON.createArrayBuilder().add("ES256"))
                                .add("kb-jwt_alg_values", JSON.createArrayBuilder().add("ES256")))))
                .build();
    }

    /** DCQL (§6): one SD-JWT VC of the PID's type, with key binding, disclosing exactly these claims. */
    static JsonObject dcqlQuery(String vct, List<String> claims) {
        JsonArrayBuilder paths = JSON.createArrayBuilder();
        for (String claim : claims) {
            paths.add(JSON.createObjectBuilder().add("path", JSON.createArrayBuilder().add(claim)));
        }
        return JSON.createObjectBuilder().add("credentials", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                .add("id", CREDENTIAL_QUERY_ID)
                .add("format", "dc+sd-jwt")
                .add("require_cryptographic_holder_binding", true)
                .add("meta", JSON.createObjectBuilder().add("vct_values", JSON.createArrayBuilder().add(vct)))
                .add("claims", paths))).build();
    }

    /** The one presentation of the response's {@code vp_token}; a readable refusal when it is not one. */
    public static String presentation(String vpToken) throws PresentationRequestRefused {
        if (vpToken == null || vpToken.isBlank()) {
            throw new PresentationRequestRefused("VP_TOKEN_MALFORMED", "presentation", "the wallet sent no vp_token");
        }
        if (vpToken.length() > MAX_VP_TOKEN) {
            throw new PresentationRequestRefused("VP_TOKEN_MALFORMED", "presentation", "the wallet's vp_token is larger than " + MAX_VP_TOKEN / 1024 + " KiB");
        }
        JsonObject token;
        try {
            if (!JsonLimits.withinDepth(vpToken)) {
                throw new PresentationRequestRefused("VP_TOKEN_MALFORMED", "presentation", "the wallet's vp_token nests too deep");
            }
            JsonValue parsed = JSON.createReader(new StringReader(vpToken)).readValue();
            if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new PresentationRequestRefused("VP_TOKEN_MALFORMED", "presentation", "the vp_token is not a JSON object of the query's credential ids");
            }
            token = parsed.asJsonObject();
        } catch (JsonException e) {
            throw new PresentationRequestRefused("VP_TOKEN_MALFORMED", "presentation", "the vp_token is not JSON");
        }
        if (token.size() != 1 || !token.containsKey(CREDENTIAL_QUERY_ID) || token.get(CREDENTIAL_QUERY_ID).getValueType()
                != JsonValue.ValueType.ARRAY) {
            throw new PresentationRequestRefused("VP_TOKEN_MALFORMED", "presentation", "the vp_token must answer the query's one credential \""
                    + CREDENTIAL_QUERY_ID + "\" with an array");
        }
        JsonArray presentations = token.getJsonArray(CREDENTIAL_QUERY_ID);
        if (presentations.size() != 1 || presentations.get(0).getValueType() != JsonValue.ValueType.STRING) {
            throw new PresentationRequestRefused("VP_TOKEN_MALFORMED", "presentation", "the vp_token must hold exactly one presentation of your PID");
        }
        return ((JsonString) presentations.get(0)).getString();
    }
}
