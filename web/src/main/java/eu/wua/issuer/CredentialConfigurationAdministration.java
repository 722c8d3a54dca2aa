package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.InputStream;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.AdministrationError;
import eu.wua.platform.AdministrationRefusal;

/**
 * {@code PUT /admin/v1/credential-configurations/{id}/batch-policy} {@code {"batch_size": n}} (platform-api.md)
 * and {@code .../key-attestation-policy} {@code {"key_storage": "<weakest level accepted>"}}.
 */
@Path("admin/v1/credential-configurations/{id}")
@Stateless
@RolesAllowed("administrator")
@Produces(MediaType.APPLICATION_JSON)
public class CredentialConfigurationAdministration {

    @Inject
    private CredentialPolicies policies;

    @Resource
    private SessionContext session;

    @PUT
    @Path("batch-policy")
    public Response batchPolicy(@PathParam("id") String id, InputStream body) {
        try {
            if (!(AdministrationRefusal.jsonBody(body).get("batch_size") instanceof JsonNumber size) || !size.isIntegral()) {
                return invalid("batch_size must be a whole number from 1 to " + CredentialConfiguration.MAX_BATCH_SIZE);
            }
            return answer(id, policies.changeBatchSize(id, size.intValue(), actor()));
        } catch (IssuanceRejection e) {
            return invalid(e.getMessage());
        }
    }

    @PUT
    @Path("key-attestation-policy")
    public Response keyAttestationPolicy(@PathParam("id") String id, InputStream body) {
        try {
            if (!(AdministrationRefusal.jsonBody(body).get("key_storage") instanceof JsonString level)) {
                return invalid("key_storage must be one of the iso_18045_* levels");
            }
            return answer(id, policies.changeRequiredKeyStorage(id, level.getString(), actor()));
        } catch (IssuanceRejection e) {
            return invalid(e.getMessage());
        }
    }

    private String actor() {
        return "user:" + session.getCallerPrincipal().getName();
    }

    private static Response answer(String id, Optional<CredentialConfiguration> changed) {
        return changed.map(c -> Response.ok(JSON.createObjectBuilder().add("id", c.getId()).add("batch_size", c.getBatchSize())
                        .add("key_storage", c.getRequiredKeyStorage()).add("updated_at", c.getUpdatedAt().toString()).build().toString()).build())
                .orElseGet(() -> AdministrationError.UNKNOWN_CREDENTIAL_CONFIGURATION.answer("no credential configuration " + id));
    }

    private static Response invalid(String description) {
        return AdministrationError.INVALID_REQUEST.answer(description);
    }
}
