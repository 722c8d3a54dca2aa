package eu.wua.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.ErrorResponse;
import eu.wua.platform.PemCertificates;
import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.wscd.WscdException;

/**
 * The audit trail for compliance officers (platform-api.md): {@code GET /admin/v1/audit} (filtered,
 * paged), {@code GET /admin/v1/audit/export} (JSON Lines with the hash chain and a signed
 * checkpoint) and {@code GET /admin/v1/audit/certificate} (what {@code ./run audit-verify} needs).
 * Reading is itself recorded.
 */
@Path("admin/v1/audit")
@Stateless
@RolesAllowed("compliance-officer")
public class AuditAdministration {

    static final String JSON_LINES = "application/jsonl";
    private static final int MAX_PAGE = 500;

    @Inject
    private AuditTrail audit;

    @Inject
    private AuditExport export;

    @Inject
    private PlatformKeys platformKeys;

    @Resource
    private SessionContext session;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response search(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("type") String type,
            @QueryParam("actor") String actor, @QueryParam("outcome") String outcome, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        Instant start;
        Instant end;
        try {
            start = from == null ? Instant.EPOCH : Instant.parse(from);
            end = to == null ? Instant.now() : Instant.parse(to);
        } catch (DateTimeParseException e) {
            return ErrorResponse.of(Response.Status.BAD_REQUEST, "invalid_request", "from and to are ISO-8601 instants, e.g. 2026-11-24T00:00:00Z");
        }
        if (outcome != null && !List.of("SUCCESS", "REJECTED").contains(outcome)) {
            return ErrorResponse.of(Response.Status.BAD_REQUEST, "invalid_request", "outcome is SUCCESS or REJECTED");
        }
        int pageSize = size == null ? 100 : Math.max(1, Math.min(size, MAX_PAGE));
        int pageNumber = page == null ? 0 : Math.max(0, page);
        List<AuditEvent> events = audit.search(start, end, type, actor, outcome, pageNumber * pageSize, pageSize);
        audit.record(actor(), "audit.read", null, Map.of("from", start.toString(), "to", end.toString(),
                "filter", "type=" + type + " actor=" + actor + " outcome=" + outcome, "page", String.valueOf(pageNumber)));
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (AuditEvent event : events) {
            list.add(Json.createObjectBuilder().add("seq", event.getSeq()).add("time", event.getOccurredAt().toString())
                    .add("actor", event.getActor()).add("type", event.getType())
                    .add("subject", event.getSubject() == null ? "" : event.getSubject()).add("outcome", event.getOutcome().name())
                    .add("details", Json.createReader(new java.io.StringReader(event.getDetails())).readObject())
                    .add("hash", event.getEventHash()));
        }
        JsonObject body = Json.createObjectBuilder().add("events", list).add("page", pageNumber).add("size", pageSize).build();
        return Response.ok(body.toString()).build();
    }

    @GET
    @Path("export")
    @Produces(JSON_LINES)
    public Response exportRange(@QueryParam("from") String from, @QueryParam("to") String to) throws WscdException {
        Instant start;
        Instant end;
        try {
            start = from == null ? Instant.EPOCH : Instant.parse(from);
            end = to == null ? Instant.now() : Instant.parse(to);
        } catch (DateTimeParseException e) {
            return ErrorResponse.of(Response.Status.BAD_REQUEST, "invalid_request", "from and to are ISO-8601 instants, e.g. 2026-11-24T00:00:00Z");
        }
        String lines = String.join("\n", export.export(start, end, actor())) + "\n";
        return Response.ok(lines, JSON_LINES).header("Content-Disposition", "attachment; filename=\"audit-export.jsonl\"")
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("certificate")
    @Produces("application/pem-certificate-chain")
    public Response certificate() {
        return Response.ok(PemCertificates.encode(platformKeys.certificateChain(PlatformKeyPurpose.AUDIT_CHECKPOINT).subList(0, 1))).build();
    }

    private String actor() {
        return "user:" + session.getCallerPrincipal().getName();
    }
}
