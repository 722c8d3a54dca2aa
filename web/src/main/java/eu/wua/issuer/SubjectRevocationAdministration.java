package eu.wua.issuer;

import static eu.wua.issuer.RevocationAdministration.actor;
import static eu.wua.issuer.RevocationAdministration.request;
import static eu.wua.platform.JsonFactory.JSON;

import java.io.InputStream;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.AdministrationError;

/** {@code POST /admin/v1/subjects/revoke} {@code {"subject": {"family_name", "given_name", "birthdate"}, "reason"}}: a person's credentials. */
@Path("admin/v1/subjects")
@Stateless
@RolesAllowed("administrator")
@Produces(MediaType.APPLICATION_JSON)
public class SubjectRevocationAdministration {

    @Inject
    private CredentialRevocation revocation;

    @Resource
    private SessionContext session;

    @POST
    @Path("revoke")
    public Response revoke(InputStream body) {
        JsonObject request = request(body);
        JsonObject subject = request.get("subject") instanceof JsonObject given ? given : null;
        if (subject == null || PidSubject.reference(subject).isEmpty()) {
            return AdministrationError.INVALID_REQUEST.answer(
                    "the body must be {\"subject\": {\"family_name\", \"given_name\", \"birthdate\"}} with string values");
        }
        return revocation.revokeSubject(subject, request.getString("reason", ""), actor(session))
                .map(o -> Response.ok(JSON.createObjectBuilder().add("change", o.change().name().toLowerCase()).add("changed", o.changed())
                        .add("detail", o.detail()).build().toString()).build())
                .orElseGet(() -> AdministrationError.UNKNOWN_SUBJECT.answer("no offer was made for this person"));
    }
}
