package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The 24-hour re-check: its last run ({@code GET}) and a run started at once ({@code POST .../run}, 202). */
@Path("admin/v1/status-recheck")
@Stateless
@RolesAllowed("administrator")
@Produces(MediaType.APPLICATION_JSON)
public class StatusRecheckAdministration {

    @Inject
    private StatusRecheck recheck;

    @Inject
    private StatusRecheckRun run;

    @GET
    public Response lastRun() {
        StatusRecheckState state = run.state();
        JsonObjectBuilder json = JSON.createObjectBuilder().add("running", state.getLeaseOwner() != null)
                .add("checked", state.getChecked()).add("revoked", state.getRevoked()).add("unresolved", state.getUnresolved());
        if (state.getLastStarted() != null) {
            json.add("last_started", state.getLastStarted().toString());
        }
        if (state.getLastFinished() != null) {
            json.add("last_finished", state.getLastFinished().toString());
        }
        if (state.getLastProblem() != null) {
            json.add("last_problem", state.getLastProblem());
        }
        return Response.ok(json.build().toString()).build();
    }

    @POST
    @Path("run")
    public Response runNow() {
        recheck.runNow();
        return Response.accepted(JSON.createObjectBuilder().add("started", true).build().toString()).build();
    }
}
