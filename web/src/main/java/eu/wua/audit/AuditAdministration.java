package eu.wua.audit;

import static eu.wua.platform.JsonFactory.JSON;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.AdministrationError;
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
    private Clock clock;

    @Inject
    private AuditTrail audit;

    @Inject
    private AuditExport export;

    @Inject
    private AuditLog log;

    @Inject
    private SignedTreeHeads signedTreeHeads;

    @Inject
    private PlatformKeys platformKeys;

    @Resource
    private SessionContext session;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response search(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("type") String type,
            @QueryParam("actor") String actor, @QueryParam("outcome") String outcome, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        Instant[] range = range(from, to);
        if (range == null) {
            return badRange();
        }
        Instant start = range[0];
        Instant end = range[1];
        if (outcome != null && !List.of("SUCCESS", "REJECTED").contains(outcome)) {
            return AdministrationError.INVALID_REQUEST.answer("outcome is SUCCESS or REJECTED");
        }
        int pageSize = size == null ? 100 : Math.max(1, Math.min(size, MAX_PAGE));
        int pageNumber = page == null ? 0 : Math.max(0, page);
        // a page past the last row is empty, however large its number (page * size can pass Integer.MAX_VALUE)
        long first = (long) pageNumber * pageSize;
        List<AuditEvent> events = first > Integer.MAX_VALUE ? List.of()
                : audit.search(start, end, type, actor, outcome, (int) first, pageSize);
        audit.record(actor(), "audit.read", null, Map.of("from", start.toString(), "to", end.toString(),
                "filter", "type=" + type + " actor=" + actor + " outcome=" + outcome, "page", String.valueOf(pageNumber)));
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (AuditEvent event : events) {
            var line = JSON.createObjectBuilder();
            if (event.getSeq() == null) {
                line.addNull("seq");
            } else {
                line.add("seq", event.getSeq());
            }
            list.add(line.add("time", event.getOccurredAt().toString())
                    .add("actor", event.getActor()).add("type", event.getType())
                    .add("subject", event.getSubject() == null ? "" : event.getSubject()).add("outcome", event.getOutcome().name())
                    .add("details", JSON.createReader(new java.io.StringReader(event.getDetails())).readObject())
                    .add("hash", event.getLeafHash() == null ? JsonValue.NULL : JSON.createValue(event.getLeafHash())));
        }
        JsonObject body = JSON.createObjectBuilder().add("events", list).add("page", pageNumber).add("size", pageSize).build();
        return Response.ok(body.toString()).build();
    }

    @GET
    @Path("export")
    @Produces(JSON_LINES)
    public Response exportRange(@QueryParam("from") String from, @QueryParam("to") String to) throws WscdException {
        Instant[] range = range(from, to);
        if (range == null) {
            return badRange();
        }
        String lines = String.join("\n", export.export(range[0], range[1], actor())) + "\n";
        return Response.ok(lines, JSON_LINES).header("Content-Disposition", "attachment; filename=\"audit-export.jsonl\"")
                .header("Cache-Control", "no-store").build();
    }

    /** The chain of a range checked on the server, as the offline verifier would: {@code {"ok", "broken_at", "reason", "records"}}. */
    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verifyRange(@QueryParam("from") String from, @QueryParam("to") String to) throws WscdException {
        Instant[] range = range(from, to);
        if (range == null) {
            return badRange();
        }
        eu.wua.audit.verify.AuditExportVerifier.Result result = export.verify(range[0], range[1], actor());
        var body = JSON.createObjectBuilder().add("ok", result.ok()).add("records", result.records()).add("checkpoints", result.checkpoints())
                .add("summary", result.toString());
        if (result.brokenAt() != null) {
            body.add("broken_at", result.brokenAt());
        }
        return Response.ok(body.build().toString()).build();
    }

    /** The signed tree heads, largest first: {@code {"tree_heads": [{"tree_size", "root_hash", "signed_at", "reason", "tree_head"}]}}. */
    @GET
    @Path("tree-heads")
    @Produces(MediaType.APPLICATION_JSON)
    public Response treeHeads(@QueryParam("at_most") Long atMost, @QueryParam("size") Integer size) {
        int max = size == null ? 100 : Math.max(1, Math.min(size, MAX_PAGE));
        JsonArrayBuilder heads = JSON.createArrayBuilder();
        for (AuditCheckpoint head : signedTreeHeads.upTo(atMost == null ? Long.MAX_VALUE : atMost, max)) {
            heads.add(JSON.createObjectBuilder().add("tree_size", head.getSeq()).add("root_hash", head.getHeadHash())
                    .add("signed_at", head.getSignedAt().toString()).add("reason", head.getReason()).add("tree_head", head.getSignature()));
        }
        audit.record(actor(), "audit.read", null, Map.of("tree_heads", String.valueOf(atMost)));
        return Response.ok(JSON.createObjectBuilder().add("tree_heads", heads).build().toString()).build();
    }

    /** Record {@code seq} with its inclusion proof in the newest signed tree head, for {@code ./run audit-verify --proof}. */
    @GET
    @Path("proofs/inclusion")
    @Produces(MediaType.APPLICATION_JSON)
    public Response inclusionProof(@QueryParam("seq") Long seq) {
        if (seq == null) {
            return AdministrationError.INVALID_REQUEST.answer("seq names the record to prove");
        }
        try {
            JsonObject proof = log.inclusionProof(seq);
            audit.record(actor(), "audit.proof_given", String.valueOf(seq), Map.of("proof", "inclusion", "tree_size",
                    String.valueOf(proof.getJsonNumber("tree_size").longValue())));
            return Response.ok(proof.toString()).header("Cache-Control", "no-store").build();
        } catch (AuditLog.Unprovable e) {
            return AdministrationError.NOT_IN_AUDIT_LOG.answer(e.getMessage());
        }
    }

    /** The consistency proof between the signed tree heads of {@code first} and {@code second} records (default: the newest). */
    @GET
    @Path("proofs/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    public Response consistencyProof(@QueryParam("first") Long first, @QueryParam("second") Long second) {
        if (first == null) {
            return AdministrationError.INVALID_REQUEST.answer("first names the size of the earlier signed tree head (see tree-heads)");
        }
        long to = second != null ? second : signedTreeHeads.latest().map(AuditCheckpoint::getSeq).orElse(0L);
        try {
            JsonObject proof = log.consistencyProof(first, to);
            audit.record(actor(), "audit.proof_given", null, Map.of("proof", "consistency", "first", String.valueOf(first),
                    "second", String.valueOf(to)));
            return Response.ok(proof.toString()).header("Cache-Control", "no-store").build();
        } catch (AuditLog.Unprovable e) {
            return AdministrationError.NOT_IN_AUDIT_LOG.answer(e.getMessage());
        }
    }

    @GET
    @Path("certificate")
    @Produces("application/pem-certificate-chain")
    public Response certificate() {
        return Response.ok(PemCertificates.encode(platformKeys.certificateChain(PlatformKeyPurpose.AUDIT_CHECKPOINT).subList(0, 1))).build();
    }

    /** {@code [from, to]}, from the epoch to now when not given; null when either is not an ISO-8601 instant. */
    private Instant[] range(String from, String to) {
        try {
            return new Instant[] {from == null ? Instant.EPOCH : Instant.parse(from), to == null ? clock.instant() : Instant.parse(to)};
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Response badRange() {
        return AdministrationError.INVALID_REQUEST.answer("from and to are ISO-8601 instants, e.g. 2026-11-24T00:00:00Z");
    }

    private String actor() {
        return "user:" + session.getCallerPrincipal().getName();
    }
}
