package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.AdministrationError;
import eu.wua.status.RevocationCascades;
import eu.wua.status.RevocationJobFormat;

/** {@code GET /admin/v1/revocation-jobs[/{id}]}: the cascades and their progress. */
@Path("admin/v1/revocation-jobs")
@Stateless
@RolesAllowed({"administrator", "certifier"})
@Produces(MediaType.APPLICATION_JSON)
public class RevocationJobAdministration {

    @Inject
    private RevocationCascades cascades;

    @GET
    public Response recent() {
        JsonArrayBuilder jobs = JSON.createArrayBuilder();
        cascades.recent(100).forEach(job -> jobs.add(RevocationJobFormat.json(job)));
        return Response.ok(JSON.createObjectBuilder().add("jobs", jobs).build().toString()).build();
    }

    @GET
    @Path("{id}")
    public Response one(@PathParam("id") String id) {
        return cascades.find(id).map(job -> Response.ok(RevocationJobFormat.json(job).build().toString()).build())
                .orElseGet(() -> AdministrationError.UNKNOWN_JOB.answer("no revocation job " + id));
    }
}
