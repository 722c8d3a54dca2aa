package eu.wua.verifier;

import static eu.wua.platform.JsonFactory.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import eu.wua.issuer.PidConfiguration;

class OpenId4VpRequestTest {

    @Test
    void theVpTokenAnswersTheQuerysOneCredentialWithOnePresentation() throws Exception {
        assertEquals("a~b~kb", OpenId4VpRequest.presentation("{\"pid\":[\"a~b~kb\"]}"));
    }

    @Test
    void aVpTokenThatIsNotTheQuerysAnswerIsRefusedAtThePresentationCheck() {
        for (String token : new String[] {null, "", "[\"a\"]", "{", "{\"other\":[\"a\"]}", "{\"pid\":\"a\"}", "{\"pid\":[]}",
                "{\"pid\":[\"a\",\"b\"]}", "{\"pid\":[1]}", "{\"pid\":[\"a\"],\"x\":[\"b\"]}"}) {
            PresentationRequestRefused refused = assertThrows(PresentationRequestRefused.class, () -> OpenId4VpRequest.presentation(token),
                    String.valueOf(token));
            assertEquals("presentation", refused.check());
        }
    }

    @Test
    void anOversizedVpTokenIsRefusedBeforeItIsParsed() {
        String token = "{\"pid\":[\"" + "a".repeat(OpenId4VpRequest.MAX_VP_TOKEN) + "\"]}";
        PresentationRequestRefused refused = assertThrows(PresentationRequestRefused.class, () -> OpenId4VpRequest.presentation(token));
        assertTrue(refused.getMessage().contains("KiB"), refused.getMessage());
    }

    @Test
    void theRequestObjectAsksForOneBoundPidByDirectPost() {
        JsonObject payload = OpenId4VpRequest.payload("x509_san_dns:pid.example", "https://pid.example/r", "n", "s", PidConfiguration.VCT,
                List.of("family_name", "given_name"), Instant.ofEpochSecond(1000), Instant.ofEpochSecond(1300));
        assertEquals("x509_san_dns:pid.example", payload.getString("client_id"));
        assertEquals("direct_post", payload.getString("response_mode"));
        assertEquals("vp_token", payload.getString("response_type"));
        JsonObject credential = payload.getJsonObject("dcql_query").getJsonArray("credentials").getJsonObject(0);
        assertEquals(OpenId4VpRequest.CREDENTIAL_QUERY_ID, credential.getString("id"));
        assertEquals("dc+sd-jwt", credential.getString("format"));
        assertEquals(PidConfiguration.VCT, credential.getJsonObject("meta").getJsonArray("vct_values").getString(0));
        assertEquals(2, credential.getJsonArray("claims").size());
        assertTrue(credential.getBoolean("require_cryptographic_holder_binding"));
    }

    @Test
    void aPresentedCredentialOfAnotherTypeOrWithoutAnIdentifyingClaimIsRefused() {
        JsonObject pid = JSON.createObjectBuilder().add("vct", PidConfiguration.VCT).add("family_name", "Mustermann").add("given_name", "Erika")
                .add("birthdate", "1964-08-12").add("place_of_birth", JSON.createObjectBuilder().add("country", "DE"))
                .add("nationalities", JSON.createArrayBuilder().add("DE")).add("iss", "https://pid.example").build();
        JsonObject other = JSON.createObjectBuilder(pid).add("vct", "urn:example:other").build();
        JsonObject partial = JSON.createObjectBuilder(pid).remove("birthdate").build();
        assertEquals("dcql", assertThrows(PresentationRequestRefused.class, () -> PresentationRequests.requireIdentifyingClaims(other)).check());
        PresentationRequestRefused missing = assertThrows(PresentationRequestRefused.class,
                () -> PresentationRequests.requireIdentifyingClaims(partial));
        assertTrue(missing.getMessage().contains("birthdate"), missing.getMessage());
    }

    @Test
    void theIdentifyingClaimsAreExactlyThePidsMandatoryOnes() throws Exception {
        JsonObject pid = JSON.createObjectBuilder().add("vct", PidConfiguration.VCT).add("family_name", "Mustermann").add("given_name", "Erika")
                .add("birthdate", "1964-08-12").add("place_of_birth", JSON.createObjectBuilder().add("country", "DE"))
                .add("nationalities", JSON.createArrayBuilder().add("DE")).add("iss", "https://pid.example").add("exp", 1).build();
        assertEquals(PidConfiguration.MANDATORY_ATTRIBUTES, List.copyOf(PresentationRequests.requireIdentifyingClaims(pid).keySet()));
    }
}
