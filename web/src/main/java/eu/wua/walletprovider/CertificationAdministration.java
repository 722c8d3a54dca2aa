package eu.wua.walletprovider;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.AdministrationError;
import eu.wua.platform.AdministrationRefusal;
import eu.wua.status.RevocationJobFormat;

/**
 * The certification registry over HTTP, for certifiers: list, record, withdraw
 * ({@code POST /admin/v1/certifications/{id}/withdraw} of platform-api.md). The console calls the
 * same {@link KeyStoreCertifications}.
 */
@Path("admin/v1/certifications")
@Stateless
@RolesAllowed("certifier")
@Produces(MediaType.APPLICATION_JSON)
public class CertificationAdministration {

    @Inject
    private Clock clock;

    @Inject
    private KeyStoreCertifications certifications;

    @Resource
    private SessionContext session;

    @GET
    public Response list() {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        certifications.all().forEach(c -> list.add(json(c)));
        return Response.ok(JSON.createObjectBuilder().add("certifications", list).build().toString()).build();
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        return certifications.find(id).map(c -> Response.ok(json(c).build().toString()).build()).orElseGet(() -> unknown(id));
    }

    /**
     * {@code {"id", "wscd_backend": "pkcs11"|"software", "model", "scheme", "key_storage", "user_authentication",
     * "certification_url", "valid_from" (optional, ISO-8601, default now), "valid_until"}}.
     */
    @POST
    public Response record(InputStream body) {
        JsonObject json = AdministrationRefusal.jsonBody(body);
        KeyStoreCertifications.Certification asked;
        try {
            asked = new KeyStoreCertifications.Certification(text(json, "id"), text(json, "wscd_backend"), text(json, "model"),
                    text(json, "scheme"), text(json, "key_storage"), text(json, "user_authentication"), text(json, "certification_url"),
                    json.containsKey("valid_from") ? Instant.parse(text(json, "valid_from")) : clock.instant(),
                    Instant.parse(String.valueOf(text(json, "valid_until"))));
        } catch (DateTimeParseException e) {
            return AdministrationError.INVALID_REQUEST.answer(
                    "valid_from and valid_until must be ISO-8601 instants such as 2028-01-31T00:00:00Z");
        }
        try {
            KeyStoreCertification recorded = certifications.record(asked, actor());
            return Response.status(Response.Status.CREATED).entity(json(recorded).build().toString()).build();
        } catch (CertificationRejection e) {
            return (e.conflict() ? AdministrationError.CONFLICT : AdministrationError.INVALID_REQUEST).answer(e.getMessage());
        }
    }

    /** Body {@code {"reason": "..."}}, optional. Every KA that named the certification is revoked with it. */
    @POST
    @Path("{id}/withdraw")
    public Response withdraw(@PathParam("id") String id, InputStream body) {
        String reason = AdministrationRefusal.optionalJsonBody(body).map(request -> request.getString("reason", "")).orElse("");
        return certifications.withdraw(id, actor(), reason)
                .map(w -> Response.ok(JSON.createObjectBuilder().add("id", w.certificationId()).add("state", "withdrawn")
                        .add("already_withdrawn", w.alreadyWithdrawn()).add("key_attestations_revoked", w.keyAttestationsRevoked())
                        .add("cascade", RevocationJobFormat.jsonOrNull(w.cascade()))
                        .build().toString()).build())
                .orElseGet(() -> unknown(id));
    }

    private String actor() {
        return "user:" + session.getCallerPrincipal().getName();
    }

    private static String text(JsonObject json, String name) {
        return json.get(name) instanceof JsonString text ? text.getString() : null;
    }

    private static JsonObjectBuilder json(KeyStoreCertification c) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", c.getId()).add("wscd_backend", c.getWscdBackend())
                .add("model", c.getModel()).add("scheme", c.getScheme()).add("key_storage", c.getKeyStorage())
                .add("user_authentication", c.getUserAuthentication()).add("certification_url", c.getCertificationUrl())
                .add("valid_from", c.getValidFrom().toString()).add("valid_until", c.getValidUntil().toString())
                .add("state", c.getState().name().toLowerCase()).add("recorded_by", c.getRecordedBy())
                .add("recorded_at", c.getRecordedAt().toString());
        if (c.getWithdrawnAt() != null) {
            json.add("withdrawn_at", c.getWithdrawnAt().toString()).add("withdrawn_reason", c.getWithdrawnReason());
        }
        return json;
    }

    private static Response unknown(String id) {
        return AdministrationError.UNKNOWN_CERTIFICATION.answer("no certification " + id);
    }
}
