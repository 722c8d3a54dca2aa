package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.InputStream;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.AdministrationError;
import eu.wua.platform.AdministrationRefusal;
import eu.wua.status.RevocationCascades;
import eu.wua.status.RevocationJobFormat;

/**
 * Revocation over HTTP (platform-api.md): a credential with its batch ({@code "only_this": true} for
 * just the one), suspension and reinstatement, every credential of an offer or of a person, and the cascades' progress.
 */
public final class RevocationAdministration {

    private RevocationAdministration() {
    }

    @Path("admin/v1/credentials/{id}")
    @Stateless
    @RolesAllowed("administrator")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Credentials {

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

    /** {@code GET /admin/v1/credentials?list=pid-1&idx=42}: which credential holds a status list position. */
    @Path("admin/v1/credentials")
    @Stateless
    @RolesAllowed("administrator")
    @Produces(MediaType.APPLICATION_JSON)
    public static class CredentialLookup {

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

    @Path("admin/v1/offers/{id}")
    @Stateless
    @RolesAllowed("administrator")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Offers {

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

    /** {@code POST /admin/v1/subjects/revoke} {@code {"subject": {"family_name", "given_name", "birthdate"}, "reason"}}: a person's credentials. */
    @Path("admin/v1/subjects")
    @Stateless
    @RolesAllowed("administrator")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Subjects {

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

    @Path("admin/v1/revocation-jobs")
    @Stateless
    @RolesAllowed({"administrator", "certifier"})
    @Produces(MediaType.APPLICATION_JSON)
    public static class Jobs {

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

    /** The 24-hour re-check: its last run ({@code GET}) and a run started at once ({@code POST .../run}, 202). */
    @Path("admin/v1/status-recheck")
    @Stateless
    @RolesAllowed("administrator")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Recheck {

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

    /** A cascade as the API shows it, with its progress. */
    private static Response answer(String id, Optional<CredentialRevocation.Outcome> outcome) {
        return outcome.map(o -> Response.ok(JSON.createObjectBuilder().add("id", o.credentialId()).add("change", o.change().name().toLowerCase())
                        .add("changed", o.changed()).add("detail", o.detail()).build().toString()).build())
                .orElseGet(() -> AdministrationError.UNKNOWN_CREDENTIAL.answer("no credential or offer " + id));
    }

    /** An empty body is an empty request (every member is optional). */
    private static JsonObject request(InputStream body) {
        return AdministrationRefusal.optionalJsonBody(body).orElse(JsonObject.EMPTY_JSON_OBJECT);
    }

    private static String actor(SessionContext session) {
        return "user:" + session.getCallerPrincipal().getName();
    }
}
