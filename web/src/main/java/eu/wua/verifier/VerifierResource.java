package eu.wua.verifier;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.audit.AuditTrail;
import eu.wua.platform.RequestBody;

/**
 * The presentation verifier's API (issue #20): {@code POST /verifier/v1/nonces} and
 * {@code POST /verifier/v1/presentations}, for the role {@code issuer-operator} over HTTP Basic.
 * A refusal is {@code 400 invalid_presentation} naming the failed check, with every check run.
 */
@Path("verifier/v1")
@Stateless
@RolesAllowed("issuer-operator")
@Produces(MediaType.APPLICATION_JSON)
public class VerifierResource {

    @Inject
    private VerifierNonces nonces;

    @Inject
    private Presentations presentations;

    @Inject
    private AuditTrail audit;

    @Resource
    private SessionContext session;

    @POST
    @Path("nonces")
    public Response nonce() {
        VerifierNonces.Issued issued = nonces.issue();
        return Response.ok(JSON.createObjectBuilder().add("nonce", issued.nonce()).add("expires_in", issued.expiresIn()).build().toString())
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("presentations")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response verify(InputStream body) {
        String actor = "user:" + session.getCallerPrincipal().getName();
        JsonObject request;
        try {
            request = RequestBody.jsonObject(body);
        } catch (RequestBody.Refused refused) {
            return refused(actor, new PresentationRejection(refused.tooLarge() ? PresentationRejection.Reason.PRESENTATION_TOO_LARGE
                    : PresentationRejection.Reason.PRESENTATION_MALFORMED, refused.getMessage()), List.of(),
                    refused.tooLarge() ? Response.Status.REQUEST_ENTITY_TOO_LARGE : Response.Status.BAD_REQUEST);
        }
        List<String> transactionData = new ArrayList<>();
        if (request.get("transaction_data") instanceof JsonArray data) {
            for (JsonValue item : data) {
                transactionData.add(item instanceof JsonString s ? s.getString() : item.toString());
            }
        }
        try {
            PresentationVerifier.Verified verified = presentations.verify(text(request, "presentation"), new PresentationVerifier.Expected(
                    text(request, "nonce"), text(request, "audience"), transactionData), actor);
            return Response.ok(JSON.createObjectBuilder().add("valid", true).add("claims", verified.claims())
                    .add("key_binding_key_id", verified.keyBindingKeyId()).add("checks", checks(verified.checks())).build().toString())
                    .header("Cache-Control", "no-store").build();
        } catch (PresentationVerifier.Refused refused) {
            return refused(actor, refused.rejection(), refused.checks(), Response.Status.BAD_REQUEST);
        }
    }

    private static String text(JsonObject request, String name) {
        return request.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private Response refused(String actor, PresentationRejection rejection, List<PresentationVerifier.Check> checks, Response.Status status) {
        audit.recordRejection(actor, "presentation.verify", null, Map.of("reason", rejection.reason().name(), "error",
                PresentationRejection.WIRE_CODE, "failed_check", rejection.reason().check(), "description", rejection.getMessage()));
        return Response.status(status).entity(JSON.createObjectBuilder().add("error", PresentationRejection.WIRE_CODE)
                .add("error_description", rejection.getMessage()).add("failed_check", rejection.reason().check())
                .add("checks", checks(checks)).build().toString()).type(MediaType.APPLICATION_JSON).build();
    }

    private static JsonArrayBuilder checks(List<PresentationVerifier.Check> checks) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        checks.forEach(check -> list.add(JSON.createObjectBuilder().add("name", check.name()).add("result", check.passed() ? "passed" : "failed")));
        return list;
    }
}
