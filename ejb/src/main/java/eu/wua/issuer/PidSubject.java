package eu.wua.issuer;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import eu.wua.platform.Digests;

/**
 * Who a PID is about, for revocation across offers: the identifying attributes every PID has
 * (PID Rulebook: family name, given name, birth date), compared after Unicode NFC, trimming and
 * case folding, and kept as a SHA-256 digest. Never written to the audit trail: the inputs are
 * guessable, so the digest is as personal as the names.
 */
public final class PidSubject {

    static final List<String> IDENTIFYING = List.of("family_name", "given_name", "birthdate");

    private PidSubject() {
    }

    /** Empty when an identifying attribute is missing or not a string. */
    public static Optional<String> reference(JsonObject attributes) {
        if (attributes == null) {
            return Optional.empty();
        }
        StringBuilder canonical = new StringBuilder();
        for (String name : IDENTIFYING) {
            JsonValue value = attributes.get(name);
            if (!(value instanceof JsonString text) || text.getString().isBlank()) {
                return Optional.empty();
            }
            // a unit separator cannot occur in a name, so no two attribute sets share a canonical form
            canonical.append(Normalizer.normalize(text.getString().strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT)).append('\u001f');
        }
        return Optional.of(Digests.sha256Hex(canonical.toString()));
    }
}
