package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.AdministrationError;

/** {@code GET /admin/v1/credentials?list=pid-1&idx=42}: which credential holds a status list position. */
@Path("admin/v1/credentials")
@Stateless
@RolesAllowed("administrator")
@Produces(MediaType.APPLICATION_JSON)
public class CredentialLookupAdministration {

    @Inject
    private CredentialRevocation revocation;

    @GET
    public Response byStatusPosition(@jakarta.ws.rs.QueryParam("list") String list, @jakarta.ws.rs.QueryParam("idx") Integer index) {
        if (list == null || index == null) {
            return AdministrationError.INVALID_REQUEST.answer("list and idx are required");
        }
        return revocation.atStatusPosition(list, index)
                .map(c -> Response.ok(JSON.createObjectBuilder().add("id", c.getId()).add("offer_id", c.getOfferId())
                        .add("credential_configuration_id", c.getCredentialConfigurationId()).add("issued_at", c.getIssuedAt().toString())
                        .add("expires_at", c.getExpiresAt().toString()).add("status_list", c.getStatusListId())
                        .add("status_idx", c.getStatusIndex()).build().toString()).build())
                .orElseGet(() -> AdministrationError.UNKNOWN_CREDENTIAL.answer("no credential at " + list + "/" + index));
    }
}
