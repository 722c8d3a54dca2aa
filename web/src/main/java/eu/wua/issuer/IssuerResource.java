package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.audit.AuditTrail;
import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.ErrorResponse;
import eu.wua.wscd.WscdException;

/**
 * The OpenID4VCI endpoints wallets use: nonce, token and credential (the metadata is {@link IssuerMetadataResource}). Parses
 * at the edge, calls one use case, and answers its result or the rejection's code (audited).
 */
@Path("issuer")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class IssuerResource {

    static final int MAX_BODY_BYTES = 64 * 1024;

    @Inject
    private IssuerNonces nonces;

    @Inject
    private PreAuthorizedTokens tokens;

    @Inject
    private CredentialIssuance issuance;

    @Inject
    private AuditTrail audit;

    @POST
    @Path("nonce")
    public Response nonce() {
        return Response.ok(JSON.createObjectBuilder().add("c_nonce", nonces.issue()).build().toString()).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("token")
    public Response token(@HeaderParam("OAuth-Client-Attestation") String wia, @HeaderParam("OAuth-Client-Attestation-PoP") String pop,
            InputStream body) {
        try {
            PreAuthorizedTokens.Token token = tokens.exchange(form(body), wia, pop);
            return Response.ok(JSON.createObjectBuilder().add("access_token", token.accessToken()).add("token_type", "Bearer")
                    .add("expires_in", token.expiresIn()).build().toString()).header("Cache-Control", "no-store").build();
        } catch (IssuanceRejection rejection) {
            return refused("token.request", rejection);
        }
    }

    @POST
    @Path("credential")
    public Response credential(@HeaderParam("Authorization") String authorization, InputStream body) throws WscdException {
        try {
            String accessToken = bearer(authorization);
            CredentialIssuance.Issued issued = issuance.issue(accessToken, json(body));
            JsonArrayBuilder credentials = JSON.createArrayBuilder();
            issued.credentials().forEach(c -> credentials.add(JSON.createObjectBuilder().add("credential", c)));
            return Response.ok(JSON.createObjectBuilder().add("credentials", credentials).build().toString())
                    .header("Cache-Control", "no-store").build();
        } catch (IssuanceRejection rejection) {
            Response refused = refused("credential.request", rejection);
            if (rejection.reason().httpStatus() == 401) {
                // RFC 6750 §3
                return Response.fromResponse(refused).header("WWW-Authenticate", "Bearer error=\"" + rejection.reason().wireCode() + "\"").build();
            }
            return refused;
        }
    }

    private static String bearer(String authorization) throws IssuanceRejection {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new IssuanceRejection(Reason.TOKEN_MISSING, "send the access token as Authorization: Bearer <token>");
        }
        return authorization.substring(7).strip();
    }

    /** RFC 6749 §4.1.3 form encoding; a parameter given twice is refused (RFC 6749 §3.2). */
    private static Map<String, String> form(InputStream body) throws IssuanceRejection {
        String text = new String(read(body, Reason.TOKEN_REQUEST_MALFORMED), StandardCharsets.UTF_8);
        Map<String, String> parameters = new HashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (parameters.put(name, value) != null) {
                    throw new IssuanceRejection(Reason.TOKEN_REQUEST_MALFORMED, "the parameter " + name + " is repeated");
                }
            } catch (IllegalArgumentException e) {
                throw new IssuanceRejection(Reason.TOKEN_REQUEST_MALFORMED, "the body is not application/x-www-form-urlencoded");
            }
        }
        return parameters;
    }

    private static JsonObject json(InputStream body) throws IssuanceRejection {
        byte[] bytes = read(body, Reason.CREDENTIAL_REQUEST_MALFORMED);
        try {
            JsonValue value = JSON.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8))).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IssuanceRejection(Reason.CREDENTIAL_REQUEST_MALFORMED, "the request body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IssuanceRejection(Reason.CREDENTIAL_REQUEST_MALFORMED, "the request body is not valid JSON");
        }
    }

    private static byte[] read(InputStream body, Reason malformed) throws IssuanceRejection {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IssuanceRejection(malformed, "the request body is larger than 64 KiB");
            }
            return bytes;
        } catch (IOException e) {
            throw new IssuanceRejection(malformed, "the request body could not be read");
        }
    }

    private Response refused(String type, IssuanceRejection rejection) {
        audit.recordRejection("wallet", type, null, Map.of("reason", rejection.reason().name(), "error", rejection.reason().wireCode(),
                "description", rejection.getMessage()));
        int status = rejection.getMessage().startsWith("the request body is larger") ? 413 : rejection.reason().httpStatus();
        return ErrorResponse.of(Response.Status.fromStatusCode(status), rejection.reason().wireCode(), describable(rejection.getMessage()));
    }

    /** VCI §8.3.1.2: error_description is ASCII without {@code "} and {@code \}. */
    static String describable(String text) {
        StringBuilder ascii = new StringBuilder();
        text.chars().forEach(c -> ascii.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? (char) c : '?'));
        return ascii.toString();
    }
}
