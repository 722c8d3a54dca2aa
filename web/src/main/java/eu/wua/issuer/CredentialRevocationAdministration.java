package eu.wua.issuer;

import static eu.wua.issuer.RevocationAdministration.actor;
import static eu.wua.issuer.RevocationAdministration.answer;
import static eu.wua.issuer.RevocationAdministration.request;

import java.io.InputStream;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /admin/v1/credentials/{id}/revoke|suspend|reinstate}: one credential, revoked with its batch unless {@code only_this}. */
@Path("admin/v1/credentials/{id}")
@Stateless
@RolesAllowed("administrator")
@Produces(MediaType.APPLICATION_JSON)
public class CredentialRevocationAdministration {

    @Inject
    private CredentialRevocation revocation;

    @Resource
    private SessionContext session;

    /** Body {@code {"reason": "...", "only_this": false}}, optional. */
    @POST
    @Path("revoke")
    public Response revoke(@PathParam("id") String id, InputStream body) {
        JsonObject request = request(body);
        return answer(id, revocation.revoke(id, request.getBoolean("only_this", false), request.getString("reason", ""), actor(session)));
    }

    @POST
    @Path("suspend")
    public Response suspend(@PathParam("id") String id, InputStream body) {
        return answer(id, revocation.suspend(id, request(body).getString("reason", ""), actor(session)));
    }

    @POST
    @Path("reinstate")
    public Response reinstate(@PathParam("id") String id, InputStream body) {
        return answer(id, revocation.reinstate(id, request(body).getString("reason", ""), actor(session)));
    }
}
