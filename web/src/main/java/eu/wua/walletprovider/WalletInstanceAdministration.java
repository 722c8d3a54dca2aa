package eu.wua.walletprovider;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.ErrorResponse;

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
        String reason;
        try {
            reason = reason(body);
        } catch (IOException | JsonException | ClassCastException e) {
            return ErrorResponse.of(Response.Status.BAD_REQUEST, "invalid_request", "the body must be empty or {\"reason\": \"...\"}");
        }
        return revocation.revoke(instanceId, "user:" + session.getCallerPrincipal().getName(), reason)
                .map(outcome -> Response.ok(JSON.createObjectBuilder().add("instance_id", outcome.instanceId()).add("state", "revoked")
                        .add("already_revoked", outcome.alreadyRevoked())
                        .add("attestations_revoked", outcome.attestationsRevoked())
                        .add("cascade", cascade(outcome.cascade())).build().toString()).build())
                .orElseGet(() -> ErrorResponse.of(Response.Status.NOT_FOUND, "unknown_instance", "no wallet instance " + instanceId));
    }

    /** The job revoking the credentials that rested on what was revoked; its progress at /admin/v1/revocation-jobs/{id}. */
    static jakarta.json.JsonValue cascade(eu.wua.status.RevocationJob job) {
        return job == null ? jakarta.json.JsonValue.NULL : eu.wua.status.RevocationAdministration.json(job).build();
    }

    private static String reason(InputStream body) throws IOException {
        String text = new String(body.readNBytes(WalletProviderResource.MAX_BODY_BYTES), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return "";
        }
        JsonObject object = JSON.createReader(new StringReader(text)).readObject();
        return object.containsKey("reason") ? object.getString("reason") : "";
    }
}
