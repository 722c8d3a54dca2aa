package eu.wua.walletprovider;

import static eu.wua.platform.JsonFactory.JSON;

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

import eu.wua.platform.AdministrationError;
import eu.wua.platform.AdministrationRefusal;
import eu.wua.status.RevocationJobFormat;

/** {@code POST /admin/v1/wallet-instances/{id}/revoke} (platform-api.md), body {@code {"reason": "..."}} optional. */
@Path("admin/v1/wallet-instances/{id}")
@Stateless
@RolesAllowed("administrator")
@Produces(MediaType.APPLICATION_JSON)
public class WalletInstanceAdministration {

    @Inject
    private WalletInstanceRevocation revocation;

    @Resource
    private SessionContext session;

    @POST
    @Path("revoke")
    public Response revoke(@PathParam("id") String instanceId, InputStream body) {
        String reason = AdministrationRefusal.optionalJsonBody(body).map(request -> request.getString("reason", "")).orElse("");
        return revocation.revoke(instanceId, "user:" + session.getCallerPrincipal().getName(), reason)
                .map(outcome -> Response.ok(JSON.createObjectBuilder().add("instance_id", outcome.instanceId()).add("state", "revoked")
                        .add("already_revoked", outcome.alreadyRevoked())
                        .add("attestations_revoked", outcome.attestationsRevoked())
                        .add("cascade", RevocationJobFormat.jsonOrNull(outcome.cascade())).build().toString()).build())
                .orElseGet(() -> AdministrationError.UNKNOWN_INSTANCE.answer("no wallet instance " + instanceId));
    }
}
