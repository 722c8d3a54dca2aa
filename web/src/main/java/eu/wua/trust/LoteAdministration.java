package eu.wua.trust;

import static eu.wua.platform.JsonFactory.JSON;

import java.time.Clock;
import java.time.Instant;

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

import eu.wua.platform.AdministrationError;

/**
 * The List of Trusted Entities over HTTP (README): {@code GET /admin/v1/trust/lote} (the version taken in,
 * its signature, the last fetch and failure) and {@code POST /admin/v1/trust/lote/refresh} (fetch and take in now).
 */
@Path("admin/v1/trust/lote")
@Stateless
@RolesAllowed("administrator")
@Produces(MediaType.APPLICATION_JSON)
public class LoteAdministration {

    @Inject
    private LoteImport imports;

    @Inject
    private LoteRefresh refresh;

    @Inject
    private LoteSettings settings;

    @Inject
    private Clock clock;

    @GET
    public Response state() {
        return Response.ok(state(imports.source()).build().toString()).build();
    }

    @POST
    @Path("refresh")
    public Response refresh() {
        LoteRefresh.Refresh done = refresh.refreshNow();
        return switch (done.outcome()) {
            case NOT_CONFIGURED -> AdministrationError.LOTE_NOT_CONFIGURED.answer(done.message());
            case BUSY -> AdministrationError.LOTE_REFRESH_IN_PROGRESS.answer(done.message() + "; its result is in GET /admin/v1/trust/lote");
            case FAILED -> AdministrationError.LOTE_REFUSED.answer(done.message() + "; the list taken in before stays until its NextUpdate");
            case IMPORTED, UNCHANGED -> {
                JsonObjectBuilder answer = state(imports.source()).add("outcome", done.outcome().name().toLowerCase());
                if (done.result() != null) {
                    answer.add("changes", JSON.createObjectBuilder().add("added", done.result().added()).add("changed", done.result().changed())
                            .add("suspended", done.result().suspended()).add("withdrawn", done.result().withdrawn())
                            .add("granted_again", done.result().grantedAgain()).add("notes", JSON.createArrayBuilder(done.result().notes())));
                }
                yield Response.ok(answer.build().toString()).build();
            }
        };
    }

    private JsonObjectBuilder state(LoteSource source) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("configured", settings.location().isPresent());
        settings.location().ifPresent(location -> json.add("location", location));
        json.add("current", source.currentAt(clock.instant()));
        if (source.getSequenceNumber() != null) {
            json.add("list", JSON.createObjectBuilder().add("sequence_number", source.getSequenceNumber()).add("type", source.getListType())
                    .add("issued_at", source.getIssuedAt().toString()).add("next_update", source.getNextUpdate().toString())
                    .add("wallet_providers", source.getEntities()).add("document_sha256", source.getDocumentSha256())
                    .add("imported_at", source.getImportedAt().toString())
                    .add("signature", JSON.createObjectBuilder().add("format", source.getSignatureFormat()).add("verified", true)
                            .add("signer", source.getSignerSubject()).add("signer_sha256", source.getSignerSha256())));
        }
        add(json, "last_attempt_at", source.getLastAttemptAt());
        add(json, "last_success_at", source.getLastSuccessAt());
        add(json, "last_failure_at", source.getLastFailureAt());
        if (source.getLastFailureReason() != null) {
            json.add("last_failure_reason", source.getLastFailureReason());
        }
        return json;
    }

    private static void add(JsonObjectBuilder json, String name, Instant value) {
        if (value != null) {
            json.add(name, value.toString());
        }
    }
}
