package eu.wua.issuer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonObject;

/**
 * How the authorization endpoint learns who the person is: the PID provider's own step (its
 * national eID in production). An implementation is a CDI bean in the deployment; the endpoint
 * shows the {@link #inputs()} of the available one as a form and hands what the person typed to
 * {@link #authenticate}. An authenticator that hands the person to another party instead (a
 * wallet presenting a PID, an eID service) has no inputs: the page shows its {@link #handoff} link,
 * and the person's browser comes back to {@code /issuer/authorize/resume/<id>} with that party's
 * answer, which {@link #resume} reads. The attributes it answers become the PID's, checked like an
 * offer's ({@link PidAttributes}). The platform never records what the person typed, only the
 * {@link AuthenticatedPerson#reference()}.
 */
public interface PersonAuthenticator {

    /** A form field of the authorization page. */
    record Input(String name, String label, boolean secret) {
    }

    /** Who authenticated: a reference for the audit trail (never a secret) and the PID attributes (PID Rulebook names). */
    record AuthenticatedPerson(String reference, JsonObject pidAttributes) {
    }

    /** Where the page sends the person for an authenticator without inputs: a link and the words on it. */
    record Handoff(String label, String hint, String link) {
    }

    /** What the other party answered when the person came back. */
    sealed interface Returned {
    }

    /** It vouched for this person. */
    record Vouched(AuthenticatedPerson person) implements Returned {
    }

    /** It did not: the message says why, in words the person can read. */
    record Refused(String message) implements Returned {
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

    /**
     * A fresh link for one showing of the page of {@code authorization} (an opaque reference, the
     * same when the person comes back), for an authenticator that hands the person elsewhere.
     */
    default Optional<Handoff> handoff(String authorization) {
        return Optional.empty();
    }

    /** The answer the person came back with for {@code authorization}; its query parameters as received. */
    default Returned resume(String authorization, Map<String, String> parameters) {
        return new Refused("this sign-in method does not hand you elsewhere");
    }
}
