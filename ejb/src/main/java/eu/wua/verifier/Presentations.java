package eu.wua.verifier;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import eu.wua.audit.AuditTrail;
import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.status.StatusEntries;
import eu.wua.status.StatusListPublisher;

/**
 * Verifies presentations of this platform's PIDs as a relying party would: the issuer CA is the
 * platform's own, the status is the entry's in the database (what the next published list says),
 * the nonce one of {@link VerifierNonces}. A verified presentation is audited with its key
 * identifier and the names of the disclosed claims, never their values.
 */
@Stateless
public class Presentations {

    @Inject
    private PlatformKeys platformKeys;

    @Inject
    private StatusEntries statusEntries;

    @Inject
    private StatusListPublisher publisher;

    @Inject
    private VerifierNonces nonces;

    @Inject
    private AuditTrail audit;

    @Inject
    private Clock clock;

    @Inject
    @ConfigProperty(name = "wua.verifier.key-binding-max-age", defaultValue = "PT5M")
    Duration maxAge;

    @Inject
    @ConfigProperty(name = "wua.verifier.clock-skew", defaultValue = "PT60S")
    Duration clockSkew;

    public PresentationVerifier.Verified verify(String presentation, PresentationVerifier.Expected expected, String actor)
            throws PresentationVerifier.Refused {
        PresentationVerifier.Verified verified = verifier(nonces::use).verify(presentation, expected, clock.instant());
        audit.record(actor, "presentation.verified", null, Map.of("key_binding_key_id", verified.keyBindingKeyId(),
                "audience", expected.audience(), "claims", String.join(",", verified.claims().keySet())));
        return verified;
    }

    /** What the console's inspector shows: every check run, and the claims when all passed (empty when one failed). */
    public record Inspection(boolean valid, List<PresentationVerifier.Check> checks, Optional<JsonObject> claims,
            String verdict) {
    }

    /**
     * The same checks for the console, changing nothing: the typed-in nonce must be the KB-JWT's, but it is not looked up
     * or used up (a presentation can be inspected before or after a relying party verified it).
     */
    public Inspection inspect(String presentation, String nonce, String audience) {
        try {
            PresentationVerifier.Verified verified = verifier(typed -> true).verify(presentation, new PresentationVerifier.Expected(nonce,
                    audience, List.of()), clock.instant());
            return new Inspection(true, verified.checks(), Optional.of(verified.claims()), "valid: device binding to key "
                    + verified.keyBindingKeyId());
        } catch (PresentationVerifier.Refused refused) {
            return new Inspection(false, refused.checks(), Optional.empty(), "refused at " + refused.rejection().reason().check()
                    + " (" + refused.rejection().reason().name() + "): " + refused.rejection().getMessage());
        }
    }

    private PresentationVerifier verifier(NonceUse nonceUse) {
        List<X509Certificate> ca = platformKeys.certificateChain(PlatformKeyPurpose.ISSUER_CA);
        return new PresentationVerifier(List.of(ca.get(ca.size() - 1)), this::status, nonceUse, maxAge, clockSkew);
    }

    /** Only this platform's PID lists are known here. */
    private OptionalInt status(String uri, int index) {
        String prefix = publisher.uri(StatusListPublisher.Family.PID, "");
        if (!uri.startsWith(prefix)) {
            return OptionalInt.empty();
        }
        return statusEntries.status(uri.substring(prefix.length()), index).map(value -> OptionalInt.of(value)).orElseGet(OptionalInt::empty);
    }
}
