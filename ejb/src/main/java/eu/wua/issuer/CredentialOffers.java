package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.SlowHash;

/**
 * The back office's offers (platform-api.md, VCI §4.1): the PID attributes identity proofing gave,
 * a single-use pre-authorized code that expires, and a 6-digit tx_code for the second channel.
 * Only hashes of the code and the tx_code are kept; the audit event names no attribute value.
 */
@Stateless
public class CredentialOffers {

    public static final String PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private IssuerSettings settings;

    @Inject
    private SlowHash slowHash;

    @Inject
    private AuditTrail audit;

    /** What the back office hands to the wallet; the code and tx_code are shown here and never again. */
    public record Offer(String id, JsonObject credentialOffer, String link, String preAuthorizedCode, String txCode, Instant expiresAt) {
    }

    public Offer create(String configurationId, JsonObject subject, String actor) throws IssuanceRejection {
        if (configurationId == null || em.find(CredentialConfiguration.class, configurationId) == null) {
            throw new IssuanceRejection(Reason.OFFER_UNKNOWN_CONFIGURATION, "no credential configuration " + configurationId);
        }
        JsonObject attributes = withIssuingDefaults(requireValidPidAttributes(subject));
        Instant now = Instant.now();
        String code = randomCode();
        String txCode = String.format("%06d", RANDOM.nextInt(1_000_000));
        String id = UUID.randomUUID().toString();
        Instant expiresAt = now.plus(settings.offerLifetime());
        CredentialOffer record = new CredentialOffer(id, configurationId, Digests.sha256Hex(code), slowHash.hash(txCode.toCharArray()),
                attributes.toString(), actor, now, expiresAt);
        PidSubject.reference(attributes).ifPresent(record::setSubjectRef);
        em.persist(record);
        audit.record(actor, "credential_offer.created", id, Map.of("credential_configuration_id", configurationId,
                "attributes", String.join(",", attributes.keySet()), "expires_at", expiresAt.toString()));
        JsonObject offer = JSON.createObjectBuilder()
                .add("credential_issuer", settings.identifier())
                .add("credential_configuration_ids", JSON.createArrayBuilder().add(configurationId))
                .add("grants", JSON.createObjectBuilder().add(PRE_AUTHORIZED_GRANT, JSON.createObjectBuilder()
                        .add("pre-authorized_code", code)
                        .add("tx_code", JSON.createObjectBuilder().add("input_mode", "numeric").add("length", 6)
                                .add("description", "The 6-digit code sent to you separately"))))
                .build();
        String link = "openid-credential-offer://?credential_offer=" + URLEncoder.encode(offer.toString(), StandardCharsets.UTF_8);
        return new Offer(id, offer, link, code, txCode, expiresAt);
    }

    private static String randomCode() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private JsonObject withIssuingDefaults(JsonObject attributes) {
        var builder = JSON.createObjectBuilder(attributes);
        if (!attributes.containsKey("issuing_authority")) {
            builder.add("issuing_authority", settings.issuingAuthority());
        }
        if (!attributes.containsKey("issuing_country")) {
            builder.add("issuing_country", settings.issuingCountry());
        }
        return builder.build();
    }

    /** The PID Rulebook's claim names and encodings; an unknown name is refused (a typo would silently drop an attribute). */
    static JsonObject requireValidPidAttributes(JsonObject subject) throws IssuanceRejection {
        if (subject == null || subject.isEmpty()) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject must be a JSON object of PID attributes");
        }
        for (String name : subject.keySet()) {
            if (!PidConfiguration.MANDATORY_ATTRIBUTES.contains(name) && !PidConfiguration.OPTIONAL_ATTRIBUTES.contains(name)) {
                throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject." + name + " is not a PID attribute (PID Rulebook claim names)");
            }
        }
        for (String name : PidConfiguration.MANDATORY_ATTRIBUTES) {
            if (!subject.containsKey(name)) {
                throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject." + name + " is mandatory for a PID");
            }
        }
        requireText(subject, "family_name");
        requireText(subject, "given_name");
        requireDate(subject, "birthdate");
        JsonValue place = subject.get("place_of_birth");
        if (place.getValueType() != JsonValue.ValueType.OBJECT || place.asJsonObject().keySet().stream()
                .noneMatch(k -> k.equals("country") || k.equals("region") || k.equals("locality"))) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject.place_of_birth must be an object with country, region or locality");
        }
        JsonValue nationalities = subject.get("nationalities");
        if (nationalities.getValueType() != JsonValue.ValueType.ARRAY || nationalities.asJsonArray().isEmpty()
                || !nationalities.asJsonArray().stream().allMatch(v -> v instanceof JsonString s && s.getString().matches("[A-Z]{2}"))) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject.nationalities must be a non-empty array of ISO 3166-1 alpha-2 codes");
        }
        if (subject.containsKey("sex") && !(subject.get("sex") instanceof jakarta.json.JsonNumber sex
                && java.util.List.of(0, 1, 2, 3, 4, 5, 6, 9).contains(sex.intValue()) && sex.isIntegral())) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject.sex must be one of the numbers 0, 1, 2, 3, 4, 5, 6, 9");
        }
        for (String date : new String[] {"date_of_expiry", "date_of_issuance"}) {
            if (subject.containsKey(date)) {
                requireDate(subject, date);
            }
        }
        if (subject.containsKey("address") && subject.get("address").getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject.address must be an object (formatted, street_address, locality, ...)");
        }
        return subject;
    }

    private static void requireText(JsonObject subject, String name) throws IssuanceRejection {
        if (!(subject.get(name) instanceof JsonString text) || text.getString().isBlank() || text.getString().length() > 256) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "subject." + name + " must be a non-empty string of at most 256 characters");
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
