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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /admin/v1/offers/{id}/revoke}: every credential issued on one offer (one identity proofing). */
@Path("admin/v1/offers/{id}")
@Stateless
@RolesAllowed("administrator")
@Produces(MediaType.APPLICATION_JSON)
public class OfferRevocationAdministration {

    @Inject
    private CredentialRevocation revocation;

    @Resource
    private SessionContext session;

    @POST
    @Path("revoke")
    public Response revoke(@PathParam("id") String id, InputStream body) {
        return answer(id, revocation.revokeOffer(id, request(body).getString("reason", ""), actor(session)));
    }
}
