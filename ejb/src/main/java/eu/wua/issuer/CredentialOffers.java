package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.Digests;
import eu.wua.platform.OpenId4Vci;
import eu.wua.platform.RequestBody;
import eu.wua.platform.SlowHash;

/**
 * The back office's offers (platform-api.md, VCI §4.1): the PID attributes identity proofing gave,
 * a single-use pre-authorized code that expires, and a 6-digit tx_code for the second channel.
 * Only hashes of the code and the tx_code are kept; the audit event names no attribute value.
 */
@Stateless
public class CredentialOffers {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private IssuerSettings settings;

    @Inject
    private SlowHash slowHash;

    @Inject
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /**
     * What the back office hands to the wallet; the code and tx_code (pre-authorized) or the issuer_state (authorization_code)
     * are shown here and never again; the other fields are null.
     */
    public record Offer(String id, JsonObject credentialOffer, String link, String preAuthorizedCode, String txCode, String issuerState,
            Instant expiresAt) {
    }

    /** The back office's request body ({@code credential_configuration_id} and {@code subject}), read by the platform's body reader. */
    public static JsonObject readRequest(InputStream body) throws IssuanceRejection {
        try {
            return RequestBody.jsonObject(body);
        } catch (RequestBody.Refused refused) {
            throw new IssuanceRejection(refused.tooLarge() ? Reason.OFFER_TOO_LARGE : Reason.OFFER_MALFORMED, refused.getMessage());
        }
    }

    public Offer create(String configurationId, JsonObject subject, String actor) throws IssuanceRejection {
        requireConfiguration(configurationId == null ? null : em.find(CredentialConfiguration.class, configurationId), configurationId);
        JsonObject attributes = PidAttributes.parse(subject).withIssuingDefaults(settings.issuingAuthority(), settings.issuingCountry()).json();
        Instant now = clock.instant();
        String code = BearerSecrets.next();
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
                .add("grants", JSON.createObjectBuilder().add(OpenId4Vci.PRE_AUTHORIZED_GRANT, JSON.createObjectBuilder()
                        .add("pre-authorized_code", code)
                        .add("tx_code", JSON.createObjectBuilder().add("input_mode", "numeric").add("length", 6)
                                .add("description", "The 6-digit code sent to you separately"))))
                .build();
        return new Offer(id, offer, link(offer), code, txCode, null, expiresAt);
    }

    /**
     * An offer with the authorization_code grant (VCI §4.1.1): the person authenticates at the
     * authorization endpoint, so the offer holds no attributes, only its issuer_state (kept as its
     * SHA-256), good for one authorization until it expires.
     */
    public Offer createForAuthorization(String configurationId, String actor) throws IssuanceRejection {
        requireConfiguration(configurationId == null ? null : em.find(CredentialConfiguration.class, configurationId), configurationId);
        Instant now = clock.instant();
        String issuerState = BearerSecrets.next();
        String id = UUID.randomUUID().toString();
        Instant expiresAt = now.plus(settings.offerLifetime());
        em.persist(CredentialOffer.forAuthorization(id, configurationId, Digests.sha256Hex(issuerState), actor, now, expiresAt));
        audit.record(actor, "credential_offer.created", id, Map.of("credential_configuration_id", configurationId,
                "grant_type", CredentialOffer.AUTHORIZATION_CODE_GRANT, "expires_at", expiresAt.toString()));
        JsonObject offer = JSON.createObjectBuilder()
                .add("credential_issuer", settings.identifier())
                .add("credential_configuration_ids", JSON.createArrayBuilder().add(configurationId))
                .add("grants", JSON.createObjectBuilder().add(CredentialOffer.AUTHORIZATION_CODE_GRANT, JSON.createObjectBuilder()
                        .add("issuer_state", issuerState)))
                .build();
        return new Offer(id, offer, link(offer), null, null, issuerState, expiresAt);
    }

    /** The back office's {@code grant}: {@code authorization_code}, or {@code pre-authorized_code} (also when absent). */
    public static boolean asksForAuthorizationCode(JsonObject request) throws IssuanceRejection {
        jakarta.json.JsonValue grant = request.get("grant");
        if (grant == null || grant.equals(jakarta.json.JsonValue.NULL)) {
            return false;
        }
        if (grant instanceof jakarta.json.JsonString name && List.of("authorization_code", "pre-authorized_code").contains(name.getString())) {
            return name.getString().equals("authorization_code");
        }
        throw new IssuanceRejection(Reason.OFFER_MALFORMED, "grant must be authorization_code or pre-authorized_code");
    }

    private static String link(JsonObject offer) {
        return "openid-credential-offer://?credential_offer=" + URLEncoder.encode(offer.toString(), StandardCharsets.UTF_8);
    }

    static CredentialConfiguration requireConfiguration(CredentialConfiguration found, String configurationId) throws IssuanceRejection {
        if (found == null) {
            throw new IssuanceRejection(Reason.OFFER_UNKNOWN_CONFIGURATION, "no credential configuration " + configurationId);
        }
        return found;
    }
}
