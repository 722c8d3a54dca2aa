package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.InputStream;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.audit.AuditTrail;
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
            PreAuthorizedTokens.Token token = tokens.exchange(TokenRequest.read(body), wia, pop);
            return Response.ok(JSON.createObjectBuilder().add("access_token", token.accessToken()).add("token_type", "Bearer")
                    .add("expires_in", token.expiresIn()).build().toString()).header("Cache-Control", "no-store").build();
        } catch (IssuanceRejection rejection) {
            return refused("token.request", rejection);
        }
    }

    @POST
    @Path("credential")
    public Response credential(@HeaderParam("Authorization") String authorization, @HeaderParam("OAuth-Client-Attestation") String wia,
            @HeaderParam("OAuth-Client-Attestation-PoP") String pop, InputStream body) throws WscdException {
        try {
            String accessToken = CredentialIssuance.bearerToken(authorization);
            CredentialIssuance.Issued issued = issuance.issue(accessToken, wia, pop, CredentialRequest.readBody(body));
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

    private Response refused(String type, IssuanceRejection rejection) {
        audit.recordRejection("wallet", type, null, Map.of("reason", rejection.reason().name(), "error", rejection.reason().wireCode(),
                "description", rejection.getMessage()));
        return ErrorResponse.of(Response.Status.fromStatusCode(rejection.reason().httpStatus()), rejection.reason().wireCode(), describable(rejection.getMessage()));
    }

    /** VCI §8.3.1.2: error_description is ASCII without {@code "} and {@code \}. */
    static String describable(String text) {
        StringBuilder ascii = new StringBuilder();
        text.chars().forEach(c -> ascii.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? (char) c : '?'));
        return ascii.toString();
    }
}
