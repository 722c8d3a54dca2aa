package eu.wua.issuer;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.RequestBody;

/**
 * A credential request (VCI §8.2) as read from its JSON body: the credential configuration asked
 * for (by its id, or by the {@code credential_identifier} a token response with authorization_details
 * gave: the configuration's id here) and the proofs of one proof type. This issuer encrypts no
 * responses, so a request for that is refused here.
 */
public record CredentialRequest(String credentialConfigurationId, boolean byIdentifier, ProofType proofType, List<String> proofs) {

    /** The proof types of {@code proof_types_supported}. */
    public enum ProofType {
        JWT("jwt"), ATTESTATION("attestation");

        private final String wireName;

        ProofType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static ProofType named(String name) throws IssuanceRejection {
            for (ProofType type : values()) {
                if (type.wireName.equals(name)) {
                    return type;
                }
            }
            throw new IssuanceRejection(Reason.PROOFS_SHAPE, "proof type " + name + " is not supported; use jwt or attestation");
        }
    }

    public CredentialRequest {
        proofs = List.copyOf(proofs);
    }

    /** The request's body as a JSON object, read by the platform's body reader ({@link #parse} reads it further). */
    public static JsonObject readBody(InputStream body) throws IssuanceRejection {
        try {
            return RequestBody.jsonObject(body);
        } catch (RequestBody.Refused refused) {
            throw new IssuanceRejection(refused.tooLarge() ? Reason.CREDENTIAL_REQUEST_TOO_LARGE : Reason.CREDENTIAL_REQUEST_MALFORMED,
                    refused.getMessage());
        }
    }

    public static CredentialRequest parse(JsonObject body) throws IssuanceRejection {
        String configurationId = requireConfigurationId(body);
        requireNoEncryption(body);
        JsonObject proofs = requireProofsObject(body);
        Map.Entry<String, JsonValue> only = proofs.entrySet().iterator().next();
        return new CredentialRequest(configurationId, body.containsKey("credential_identifier"), ProofType.named(only.getKey()),
                requireProofList(only));
    }

    private static String requireConfigurationId(JsonObject body) throws IssuanceRejection {
        boolean byIdentifier = body.containsKey("credential_identifier");
        if (byIdentifier == body.containsKey("credential_configuration_id")) {
            throw new IssuanceRejection(Reason.CREDENTIAL_REQUEST_MALFORMED,
                    "send exactly one of credential_configuration_id and credential_identifier");
        }
        String name = byIdentifier ? "credential_identifier" : "credential_configuration_id";
        if (!(body.get(name) instanceof JsonString id)) {
            throw new IssuanceRejection(Reason.CREDENTIAL_REQUEST_MALFORMED, name + " must be a string");
        }
        return id.getString();
    }

    private static void requireNoEncryption(JsonObject body) throws IssuanceRejection {
        if (body.containsKey("credential_response_encryption")) {
            throw new IssuanceRejection(Reason.ENCRYPTION_UNSUPPORTED, "this issuer does not encrypt credential responses");
        }
    }

    /** VCI §8.2: {@code proofs} has exactly one member (the singular {@code proof} does not exist in 1.0). */
    private static JsonObject requireProofsObject(JsonObject body) throws IssuanceRejection {
        JsonValue proofs = body.get("proofs");
        if (proofs == null) {
            throw new IssuanceRejection(Reason.PROOFS_MISSING, "proofs is missing (the singular proof does not exist in OpenID4VCI 1.0)");
        }
        if (proofs.getValueType() != JsonValue.ValueType.OBJECT || proofs.asJsonObject().size() != 1) {
            throw new IssuanceRejection(Reason.PROOFS_SHAPE, "proofs must be an object with exactly one proof type");
        }
        return proofs.asJsonObject();
    }

    private static List<String> requireProofList(Map.Entry<String, JsonValue> proofs) throws IssuanceRejection {
        JsonValue list = proofs.getValue();
        if (list.getValueType() != JsonValue.ValueType.ARRAY || list.asJsonArray().isEmpty()
                || !list.asJsonArray().stream().allMatch(JsonString.class::isInstance)) {
            throw new IssuanceRejection(Reason.PROOFS_SHAPE, "proofs." + proofs.getKey() + " must be a non-empty array of strings");
        }
        return list.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** At most {@code batch_size} proofs, and one: its Key Attestation covers every key of the batch and is used once. */
    String requireOneProof(CredentialConfiguration configuration) throws IssuanceRejection {
        if (proofs.size() > Math.max(configuration.getBatchSize(), 1)) {
            throw new IssuanceRejection(Reason.PROOFS_SHAPE, "at most " + configuration.getBatchSize() + " proofs (batch_size)");
        }
        if (proofs.size() > 1) {
            throw new IssuanceRejection(Reason.PROOFS_MORE_THAN_ONE,
                    "send one proof: its key attestation covers every key of the batch, and a key attestation is used once");
        }
        return proofs.get(0);
    }
}
