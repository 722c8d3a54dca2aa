package eu.wua.issuer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonObject;

/**
 * How the authorization endpoint learns who the person is: the PID provider's own step (its
 * national eID in production). An implementation is a CDI bean in the deployment; the endpoint
 * shows the {@link #inputs()} of the available one as a form and hands what the person typed to
 * {@link #authenticate}. The attributes it answers become the PID's, checked like an offer's
 * ({@link PidAttributes}). The platform never records what the person typed, only the
 * {@link AuthenticatedPerson#reference()}.
 */
public interface PersonAuthenticator {

    /** A form field of the authorization page. */
    record Input(String name, String label, boolean secret) {
    }

    /** Who authenticated: a reference for the audit trail (never a secret) and the PID attributes (PID Rulebook names). */
    record AuthenticatedPerson(String reference, JsonObject pidAttributes) {
    }

    /** A short stable name, recorded with every authorization ({@code demo}, {@code eid-be}, ...). */
    String id();

    /** The page's heading. */
    String title();

    /** Whether this authenticator serves on this installation (its configuration is present). */
    boolean available();

    List<Input> inputs();

    /** The person the inputs identify, or empty when they identify no one (a wrong password). */
    Optional<AuthenticatedPerson> authenticate(Map<String, String> inputs);
}
