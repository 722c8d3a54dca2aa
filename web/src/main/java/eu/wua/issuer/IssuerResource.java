package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.InputStream;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
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
    private PreAuthorizedTokens preAuthorizedTokens;

    @Inject
    private AuthorizationCodeTokens authorizationCodeTokens;

    @Inject
    private PushedAuthorizations pushedAuthorizations;

    @Inject
    private CredentialIssuance issuance;

    @Inject
    private AuditTrail audit;

    @Inject
    private DpopNonces dpopNonces;

    static final String DPOP_NONCE = "DPoP-Nonce";

    /** Every answer of these endpoints names the DPoP nonce to put in the next proof (RFC 9449 §8.2). */
    @POST
    @Path("nonce")
    public Response nonce() {
        return Response.ok(JSON.createObjectBuilder().add("c_nonce", nonces.issue()).build().toString()).header("Cache-Control", "no-store")
                .header(DPOP_NONCE, dpopNonces.current()).build();
    }

    @POST
    @Path("token")
    public Response token(@HeaderParam("OAuth-Client-Attestation") String wia, @HeaderParam("OAuth-Client-Attestation-PoP") String pop,
            @HeaderParam("DPoP") String dpop, InputStream body) {
        try {
            TokenRequest request = TokenRequest.read(body);
            JsonObjectBuilder answer = JSON.createObjectBuilder();
            AccessTokens.Minted access;
            if (request instanceof TokenRequest.PreAuthorizedCode preAuthorized) {
                access = preAuthorizedTokens.exchange(preAuthorized, wia, pop, dpop);
            } else {
                AuthorizationCodeTokens.Tokens tokens = request instanceof TokenRequest.AuthorizationCode code
                        ? authorizationCodeTokens.exchange(code, wia, pop, dpop)
                        : authorizationCodeTokens.refresh((TokenRequest.Refresh) request, wia, pop, dpop);
                access = tokens.access();
                answer.add("refresh_token", tokens.refreshToken());
                // VCI §6.2: the configuration asked for by authorization_details, with the identifier credential requests use
                tokens.credentialConfigurationId().ifPresent(id -> answer.add("authorization_details", JSON.createArrayBuilder().add(
                        JSON.createObjectBuilder().add("type", "openid_credential").add("credential_configuration_id", id)
                                .add("credential_identifiers", JSON.createArrayBuilder().add(id)))));
            }
            answer.add("access_token", access.accessToken()).add("token_type", access.tokenType()).add("expires_in", access.expiresIn());
            return Response.ok(answer.build().toString()).header("Cache-Control", "no-store").header(DPOP_NONCE, dpopNonces.current()).build();
        } catch (IssuanceRejection rejection) {
            return Response.fromResponse(refused("token.request", rejection, rejection.reason().httpStatus()))
                    .header(DPOP_NONCE, dpopNonces.current()).build();
        }
    }

    /** RFC 9126 §2: 201 with the request_uri the authorization endpoint takes. */
    @POST
    @Path("par")
    public Response pushedAuthorization(@HeaderParam("OAuth-Client-Attestation") String wia,
            @HeaderParam("OAuth-Client-Attestation-PoP") String pop, @HeaderParam("DPoP") String dpop, InputStream body) {
        try {
            PushedAuthorizations.Pushed pushed = pushedAuthorizations.push(PushedAuthorizationRequest.read(body), wia, pop, dpop);
            return Response.status(Response.Status.CREATED).entity(JSON.createObjectBuilder().add("request_uri", pushed.requestUri())
                    .add("expires_in", pushed.expiresIn()).build().toString()).header("Cache-Control", "no-store")
                    .header(DPOP_NONCE, dpopNonces.current()).build();
        } catch (IssuanceRejection rejection) {
            return Response.fromResponse(refused("authorization.push", rejection, rejection.reason().httpStatus()))
                    .header(DPOP_NONCE, dpopNonces.current()).build();
        }
    }

    @POST
    @Path("credential")
    public Response credential(@HeaderParam("Authorization") String authorization, @HeaderParam("DPoP") String dpop,
            @HeaderParam("OAuth-Client-Attestation") String wia, @HeaderParam("OAuth-Client-Attestation-PoP") String pop, InputStream body)
            throws WscdException {
        boolean dpopScheme = authorization != null && authorization.regionMatches(true, 0, "DPoP ", 0, 5);
        try {
            CredentialIssuance.PresentedToken token = CredentialIssuance.presentedToken(authorization);
            CredentialIssuance.Issued issued = issuance.issue(token, dpop, wia, pop, CredentialRequest.readBody(body));
            JsonArrayBuilder credentials = JSON.createArrayBuilder();
            issued.credentials().forEach(c -> credentials.add(JSON.createObjectBuilder().add("credential", c)));
            return Response.ok(JSON.createObjectBuilder().add("credentials", credentials).build().toString())
                    .header("Cache-Control", "no-store").header(DPOP_NONCE, dpopNonces.current()).build();
        } catch (IssuanceRejection rejection) {
            // RFC 9449 §7.1: a DPoP proof's refusal at a resource is 401 with a DPoP challenge
            int status = rejection.reason().dpopProof() ? 401 : rejection.reason().httpStatus();
            Response refused = Response.fromResponse(refused("credential.request", rejection, status)).header(DPOP_NONCE, dpopNonces.current())
                    .build();
            if (status == 401) {
                // RFC 6750 §3, RFC 9449 §7.1
                String scheme = dpopScheme || rejection.reason().dpopProof() ? "DPoP algs=\"ES256\", " : "Bearer ";
                return Response.fromResponse(refused).header("WWW-Authenticate", scheme + "error=\"" + rejection.reason().wireCode() + "\"").build();
            }
            return refused;
        }
    }

    private Response refused(String type, IssuanceRejection rejection, int status) {
        audit.recordRejection("wallet", type, null, Map.of("reason", rejection.reason().name(), "error", rejection.reason().wireCode(),
                "description", rejection.getMessage()));
        return ErrorResponse.of(Response.Status.fromStatusCode(status), rejection.reason().wireCode(), describable(rejection.getMessage()));
    }

    /** VCI §8.3.1.2: error_description is ASCII without {@code "} and {@code \}. */
    static String describable(String text) {
        StringBuilder ascii = new StringBuilder();
        text.chars().forEach(c -> ascii.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? (char) c : '?'));
        return ascii.toString();
    }
}
