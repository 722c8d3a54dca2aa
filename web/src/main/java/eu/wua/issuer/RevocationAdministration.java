package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.InputStream;
import java.util.Optional;

import jakarta.ejb.SessionContext;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.AdministrationError;
import eu.wua.platform.AdministrationRefusal;

/**
 * What the revocation endpoints of the administration API share (platform-api.md). Each endpoint is an EJB of
 * its own, and EJB classes must be top-level (WildFly refuses nested ones): {@link CredentialRevocationAdministration},
 * {@link CredentialLookupAdministration}, {@link OfferRevocationAdministration}, {@link SubjectRevocationAdministration},
 * {@link RevocationJobAdministration}, {@link StatusRecheckAdministration}.
 */
final class RevocationAdministration {

    private RevocationAdministration() {
    }

    /** A cascade as the API shows it, with its progress. */
    static Response answer(String id, Optional<CredentialRevocation.Outcome> outcome) {
        return outcome.map(o -> Response.ok(JSON.createObjectBuilder().add("id", o.credentialId()).add("change", o.change().name().toLowerCase())
                        .add("changed", o.changed()).add("detail", o.detail()).build().toString()).build())
                .orElseGet(() -> AdministrationError.UNKNOWN_CREDENTIAL.answer("no credential or offer " + id));
    }

    /** An empty body is an empty request (every member is optional). */
    static JsonObject request(InputStream body) {
        return AdministrationRefusal.optionalJsonBody(body).orElse(JsonObject.EMPTY_JSON_OBJECT);
    }

    static String actor(SessionContext session) {
        return "user:" + session.getCallerPrincipal().getName();
    }
}
