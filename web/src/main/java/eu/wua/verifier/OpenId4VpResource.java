package eu.wua.verifier;

import static eu.wua.platform.JsonFactory.JSON;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.PlatformSettings;
import eu.wua.wscd.WscdException;

/**
 * The public OpenID4VP endpoints of the re-issuance authenticator: the request object by reference
 * (OpenID4VP §5.10) and the {@code direct_post} response endpoint (§8.2), which answers the
 * {@code redirect_uri} the wallet sends the person's browser to, for a verified presentation and
 * for a refused one alike (the authorization page then says why). Not an EJB: the verification's
 * transaction rolls back on a refusal, and the refusal is recorded in a transaction of its own.
 */
@Path("verifier/openid4vp")
@RequestScoped
public class OpenId4VpResource {

    @Inject
    private PresentationRequests requests;

    @Inject
    private PlatformSettings settings;

    @GET
    @Path("requests/{id}")
    public Response requestObject(@PathParam("id") String id) {
        try {
            return Response.ok(requests.requestObject(id), OpenId4VpRequest.MEDIA_TYPE).header("Cache-Control", "no-store").build();
        } catch (PresentationRequests.Unanswerable unanswerable) {
            return error(400, "invalid_request", unanswerable.getMessage());
        } catch (WscdException e) {
            return error(503, "temporarily_unavailable", "the request signer's key cannot be used right now: try again shortly");
        }
    }

    @POST
    @Path("responses")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response response(@FormParam("state") String state, @FormParam("vp_token") String vpToken, @FormParam("error") String error) {
        try {
            String code;
            try {
                code = requests.respond(state, vpToken, error);
            } catch (PresentationRequestRefused refused) {
                code = requests.refuse(state, refused);
            }
            return Response.ok(JSON.createObjectBuilder().add("redirect_uri", settings.publicBaseUrl() + "/issuer/authorize/resume/"
                    + PresentationAuthenticator.ID + "?response_code=" + code).build().toString(), MediaType.APPLICATION_JSON)
                    .header("Cache-Control", "no-store").build();
        } catch (PresentationRequests.Unanswerable unanswerable) {
            return error(400, "invalid_request", unanswerable.getMessage());
        }
    }

    private static Response error(int status, String code, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                .entity(JSON.createObjectBuilder().add("error", code).add("error_description", description).build().toString()).build();
    }
}
