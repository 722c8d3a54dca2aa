package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import eu.wua.issuer.IssuanceRejection.Reason;

/**
 * The attributes of a person a PID is issued for, as identity proofing gave them: the PID
 * Rulebook's claim names and encodings, checked when they come in (an offer) and kept as JSON.
 */
public record PidAttributes(JsonObject json) {

    private static final List<Integer> SEX_VALUES = List.of(0, 1, 2, 3, 4, 5, 6, 9);
    private static final int MAX_TEXT_LENGTH = 256;

    /** An unknown name is refused (a typo would silently drop an attribute), a mandatory one must be there. */
    public static PidAttributes parse(JsonObject subject) throws IssuanceRejection {
        if (subject == null || subject.isEmpty()) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject must be a JSON object of PID attributes");
        }
        requireKnownNames(subject);
        requireMandatoryNames(subject);
        requireText(subject, "family_name");
        requireText(subject, "given_name");
        requireDate(subject, "birthdate");
        requirePlaceOfBirth(subject);
        requireNationalities(subject);
        requireSex(subject);
        for (String date : new String[] {"date_of_expiry", "date_of_issuance"}) {
            if (subject.containsKey(date)) {
                requireDate(subject, date);
            }
        }
        if (subject.containsKey("address") && subject.get("address").getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject.address must be an object (formatted, street_address, locality, ...)");
        }
        return new PidAttributes(subject);
    }

    /** Attributes stored by {@link #parse} before (an offer's), read back. */
    public static PidAttributes stored(String json) {
        return new PidAttributes(JSON.createReader(new StringReader(json)).readObject());
    }

    /** With the issuing authority and country the PID provider is configured with, unless identity proofing gave them. */
    public PidAttributes withIssuingDefaults(String issuingAuthority, String issuingCountry) {
        var builder = JSON.createObjectBuilder(json);
        if (!json.containsKey("issuing_authority")) {
            builder.add("issuing_authority", issuingAuthority);
        }
        if (!json.containsKey("issuing_country")) {
            builder.add("issuing_country", issuingCountry);
        }
        return new PidAttributes(builder.build());
    }

    private static void requireKnownNames(JsonObject subject) throws IssuanceRejection {
        for (String name : subject.keySet()) {
            if (!PidConfiguration.MANDATORY_ATTRIBUTES.contains(name) && !PidConfiguration.OPTIONAL_ATTRIBUTES.contains(name)) {
                throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject." + name + " is not a PID attribute (PID Rulebook claim names)");
            }
        }
    }

    private static void requireMandatoryNames(JsonObject subject) throws IssuanceRejection {
        for (String name : PidConfiguration.MANDATORY_ATTRIBUTES) {
            if (!subject.containsKey(name)) {
                throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject." + name + " is mandatory for a PID");
            }
        }
    }

    private static void requirePlaceOfBirth(JsonObject subject) throws IssuanceRejection {
        JsonValue place = subject.get("place_of_birth");
        if (place.getValueType() != JsonValue.ValueType.OBJECT || place.asJsonObject().keySet().stream()
                .noneMatch(k -> k.equals("country") || k.equals("region") || k.equals("locality"))) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject.place_of_birth must be an object with country, region or locality");
        }
    }

    private static void requireNationalities(JsonObject subject) throws IssuanceRejection {
        JsonValue nationalities = subject.get("nationalities");
        if (nationalities.getValueType() != JsonValue.ValueType.ARRAY || nationalities.asJsonArray().isEmpty()
                || !nationalities.asJsonArray().stream().allMatch(v -> v instanceof JsonString s && s.getString().matches("[A-Z]{2}"))) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject.nationalities must be a non-empty array of ISO 3166-1 alpha-2 codes");
        }
    }

    private static void requireSex(JsonObject subject) throws IssuanceRejection {
        if (subject.containsKey("sex") && !(subject.get("sex") instanceof JsonNumber sex && sex.isIntegral()
                && SEX_VALUES.contains(sex.intValue()))) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject.sex must be one of the numbers 0, 1, 2, 3, 4, 5, 6, 9");
        }
    }

    private static void requireText(JsonObject subject, String name) throws IssuanceRejection {
        if (!(subject.get(name) instanceof JsonString text) || text.getString().isBlank() || text.getString().length() > MAX_TEXT_LENGTH) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject." + name + " must be a non-empty string of at most "
                    + MAX_TEXT_LENGTH + " characters");
        }
    }

    private static void requireDate(JsonObject subject, String name) throws IssuanceRejection {
        try {
            if (subject.get(name) instanceof JsonString text && text.getString().matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate.parse(text.getString());
                return;
            }
        } catch (DateTimeParseException invalid) {
            // answered below
        }
        throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject." + name + " must be a date YYYY-MM-DD");
    }
}
