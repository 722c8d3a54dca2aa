package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.platform.Iso18045;
import eu.wua.platform.OpenId4Vci;

/**
 * The Credential Issuer metadata (VCI §12.2) and the Authorization Server metadata (RFC 8414, VCI
 * §12.3, ABCA-07 §11), built from the configurations as they are now: a batch policy change shows
 * in the next request.
 */
@Stateless
public class IssuerMetadata {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private IssuerSettings settings;

    public JsonObject credentialIssuer() {
        List<CredentialConfiguration> configurations = em.createQuery("SELECT c FROM CredentialConfiguration c ORDER BY c.id",
                CredentialConfiguration.class).getResultList();
        JsonObjectBuilder supported = JSON.createObjectBuilder();
        int largestBatch = 1;
        for (CredentialConfiguration configuration : configurations) {
            supported.add(configuration.getId(), configuration(configuration));
            largestBatch = Math.max(largestBatch, configuration.getBatchSize());
        }
        JsonObjectBuilder metadata = JSON.createObjectBuilder()
                .add("credential_issuer", settings.identifier())
                .add("credential_endpoint", settings.endpoint("credential"))
                .add("nonce_endpoint", settings.endpoint("nonce"))
                // TS3 §2.4: the least remaining client_status lifetime we want to see (31 days)
                .add("preferred_client_status_period", 31L * 24 * 3600)
                .add("credential_configurations_supported", supported)
                .add("display", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("name", settings.issuingAuthority()).add("locale", "en")));
        if (largestBatch >= 2) {
            // VCI §12.2.4: batch_size >= 2, or no batch_credential_issuance at all
            metadata.add("batch_credential_issuance", JSON.createObjectBuilder().add("batch_size", largestBatch));
        }
        return metadata.build();
    }

    private static JsonObject configuration(CredentialConfiguration configuration) {
        JsonArrayBuilder levels = JSON.createArrayBuilder();
        Iso18045.atLeast(configuration.getRequiredKeyStorage()).forEach(levels::add);
        JsonArrayBuilder levelsAgain = JSON.createArrayBuilder();
        Iso18045.atLeast(configuration.getRequiredKeyStorage()).forEach(levelsAgain::add);
        JsonArrayBuilder claims = JSON.createArrayBuilder();
        PidConfiguration.MANDATORY_ATTRIBUTES.forEach(name -> claims.add(JSON.createObjectBuilder()
                .add("path", JSON.createArrayBuilder().add(name)).add("mandatory", true)));
        JsonObject keyAttestationsRequired = JSON.createObjectBuilder().add("key_storage", levels).add("user_authentication", levelsAgain)
                .add("preferred_key_storage_status_period", 31L * 24 * 3600).build();
        JsonObject proofType = JSON.createObjectBuilder()
                .add("proof_signing_alg_values_supported", JSON.createArrayBuilder().add("ES256"))
                .add("key_attestations_required", keyAttestationsRequired).build();
        return JSON.createObjectBuilder()
                .add("format", configuration.getFormat())
                .add("scope", configuration.getId())
                .add("vct", configuration.getVct())
                .add("cryptographic_binding_methods_supported", JSON.createArrayBuilder().add("jwk"))
                .add("credential_signing_alg_values_supported", JSON.createArrayBuilder().add("ES256"))
                // TS3 §2.2.2.2: a PID provider accepts both the jwt and the attestation proof types
                .add("proof_types_supported", JSON.createObjectBuilder().add("jwt", proofType).add("attestation", proofType))
                .add("credential_metadata", JSON.createObjectBuilder()
                        .add("display", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("name", "PID").add("locale", "en")))
                        .add("claims", claims)
                        // ETSI TS 119 472-3 via ARF ISSU_39/40; the token names are UNCONFIRMED (spec digest)
                        .add("credential_reuse_policy", JSON.createObjectBuilder().add("id", "arf_annex_ii")
                                .add("options", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                                        .add("details", JSON.createArrayBuilder().add(configuration.getReusePolicy()))
                                        .add("batch_size", configuration.getBatchSize())
                                        .add("reissue_trigger_unused", Math.max(1, configuration.getBatchSize() / 5))))))
                .build();
    }

    public JsonObject authorizationServer() {
        JsonArrayBuilder scopes = JSON.createArrayBuilder();
        em.createQuery("SELECT c.id FROM CredentialConfiguration c ORDER BY c.id", String.class).getResultList().forEach(scopes::add);
        JsonArrayBuilder algorithms = JSON.createArrayBuilder().add("ES256").add("ES384").add("ES512");
        return JSON.createObjectBuilder()
                .add("issuer", settings.identifier())
                .add("authorization_endpoint", settings.endpoint("authorize"))
                .add("pushed_authorization_request_endpoint", settings.endpoint("par"))
                .add("require_pushed_authorization_requests", true)
                .add("token_endpoint", settings.endpoint("token"))
                .add("response_types_supported", JSON.createArrayBuilder().add("code"))
                .add("response_modes_supported", JSON.createArrayBuilder().add("query"))
                .add("code_challenge_methods_supported", JSON.createArrayBuilder().add("S256"))
                .add("grant_types_supported", JSON.createArrayBuilder().add(TokenRequest.AUTHORIZATION_CODE_GRANT)
                        .add(OpenId4Vci.PRE_AUTHORIZED_GRANT).add(TokenRequest.REFRESH_TOKEN_GRANT))
                .add("scopes_supported", scopes)
                .add("authorization_response_iss_parameter_supported", true)
                .add("authorization_details_types_supported", JSON.createArrayBuilder().add(PushedAuthorizationRequest.OPENID_CREDENTIAL))
                .add("token_endpoint_auth_methods_supported", JSON.createArrayBuilder().add("attest_jwt_client_auth"))
                .add("client_attestation_signing_alg_values_supported", algorithms)
                .add("client_attestation_pop_signing_alg_values_supported", JSON.createArrayBuilder().add("ES256").add("ES384").add("ES512"))
                .add("pre-authorized_grant_anonymous_access_supported", false)
                .add("dpop_signing_alg_values_supported", JSON.createArrayBuilder(DpopProofVerifier.ALGORITHMS.stream().sorted().toList()))
                .build();
    }
}
