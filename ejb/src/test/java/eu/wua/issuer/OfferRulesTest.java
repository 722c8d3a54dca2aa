package eu.wua.issuer;

import static eu.wua.issuer.IssuerFixture.assertRefusedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.JsonFactory;
import eu.wua.platform.RequestBody;

/** The back office's offers and the request bodies of the issuer's endpoints, one sentence and one reason each. */
class OfferRulesTest {

    private static final String SUBJECT = """
            {"family_name": "Dupont", "given_name": "Jeanne", "birthdate": "1980-05-23",
             "place_of_birth": {"locality": "Lyon"}, "nationalities": ["FR"]}""";

    private static JsonObject json(String text) {
        return JsonFactory.JSON.createReader(new StringReader(text)).readObject();
    }

    private static JsonObject with(String name, String value) {
        return JsonFactory.JSON.createObjectBuilder(json(SUBJECT)).add(name, json("{\"v\": " + value + "}").get("v")).build();
    }

    private static ByteArrayInputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thePidRulebooksAttributesPassAndTheIssuingDefaultsAreAdded() throws Exception {
        PidAttributes attributes = PidAttributes.parse(json(SUBJECT)).withIssuingDefaults("Authority", "FR");
        assertEquals("FR", attributes.json().getString("issuing_country"));
        assertEquals("FR", PidAttributes.parse(with("issuing_country", "\"FR\"")).withIssuingDefaults("Authority", "DE").json()
                .getString("issuing_country"));
    }

    @Test
    void anUnknownMissingOrBadlyEncodedAttributeMakesTheOfferMalformed() {
        assertRefusedFor(Reason.OFFER_MALFORMED, () -> PidAttributes.parse(null));
        assertRefusedFor(Reason.OFFER_MALFORMED, () -> PidAttributes.parse(with("nickname", "\"Jo\"")));
        assertRefusedFor(Reason.OFFER_MALFORMED, () -> PidAttributes.parse(json("{\"family_name\": \"Dupont\"}")));
        assertRefusedFor(Reason.OFFER_MALFORMED, () -> PidAttributes.parse(with("birthdate", "\"1980-02-30\"")));
        assertRefusedFor(Reason.OFFER_MALFORMED, () -> PidAttributes.parse(with("nationalities", "[\"France\"]")));
        assertRefusedFor(Reason.OFFER_MALFORMED, () -> PidAttributes.parse(with("sex", "7")));
        assertRefusedFor(Reason.OFFER_MALFORMED, () -> PidAttributes.parse(with("place_of_birth", "{\"planet\": \"Earth\"}")));
        assertRefusedFor(Reason.OFFER_MALFORMED, () -> PidAttributes.parse(with("given_name", "\"" + "x".repeat(257) + "\"")));
        assertRefusedFor(Reason.OFFER_MALFORMED, () -> PidAttributes.parse(with("address", "\"1 Rue Exemple\"")));
        assertRefusedFor(Reason.OFFER_MALFORMED, () -> CredentialOffers.readRequest(body("[1]")));
    }

    @Test
    void anOfferForAConfigurationThatDoesNotExistIsRefused() {
        assertRefusedFor(Reason.OFFER_UNKNOWN_CONFIGURATION, () -> CredentialOffers.requireConfiguration(null, "no-such"));
    }

    @Test
    void aBodyOverTheLimitIsTooLargeAtEachEndpointWithItsOwnReason() {
        String large = "x".repeat(RequestBody.MAX_BYTES + 1);
        assertRefusedFor(Reason.OFFER_TOO_LARGE, () -> CredentialOffers.readRequest(body(large)));
        assertRefusedFor(Reason.TOKEN_REQUEST_TOO_LARGE, () -> TokenRequest.read(body(large)));
        assertRefusedFor(Reason.CREDENTIAL_REQUEST_TOO_LARGE, () -> CredentialRequest.readBody(body(large)));
    }

    @Test
    void aCredentialRequestBodyThatIsNotAJsonObjectOrNotUtf8IsMalformed() {
        assertRefusedFor(Reason.CREDENTIAL_REQUEST_MALFORMED, () -> CredentialRequest.readBody(body("{not json")));
        assertRefusedFor(Reason.CREDENTIAL_REQUEST_MALFORMED, () -> CredentialRequest.readBody(body("\"a string\"")));
        assertRefusedFor(Reason.CREDENTIAL_REQUEST_MALFORMED, () -> CredentialRequest.readBody(new ByteArrayInputStream(new byte[] {'{', (byte) 0xff, '}'})));
        assertRefusedFor(Reason.TOKEN_REQUEST_MALFORMED, () -> TokenRequest.read(new ByteArrayInputStream(new byte[] {(byte) 0xc3})));
        assertRefusedFor(Reason.CREDENTIAL_REQUEST_MALFORMED, () -> CredentialRequest.readBody(body("{\"nonce\": \"a\\u0000\"}")));
        assertRefusedFor(Reason.CREDENTIAL_REQUEST_MALFORMED, () -> CredentialRequest.readBody(body("{\"a\":" + "[".repeat(2000)
                + "]".repeat(2000) + "}")));
    }

    @Test
    void theIssuingCountryMustBeAnAlpha2CodeNotEu() {
        assertEquals("BE", IssuerSettings.requireCountryCode("BE"));
        for (String code : new String[] {"EU", "be", "BEL", "", null}) {
            String message = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> IssuerSettings.requireCountryCode(code)).getMessage();
            org.junit.jupiter.api.Assertions.assertTrue(message.contains("wua.issuer.issuing-country"), message);
        }
    }

    @Test
    void theGrantOfAnOfferIsAuthorizationCodeOrPreAuthorizedAndNothingElse() throws Exception {
        org.junit.jupiter.api.Assertions.assertTrue(CredentialOffers.asksForAuthorizationCode(json("{\"grant\": \"authorization_code\"}")));
        org.junit.jupiter.api.Assertions.assertFalse(CredentialOffers.asksForAuthorizationCode(json("{\"grant\": \"pre-authorized_code\"}")));
        org.junit.jupiter.api.Assertions.assertFalse(CredentialOffers.asksForAuthorizationCode(json("{}")));
        IssuerFixture.assertRefusedFor(Reason.OFFER_MALFORMED, () -> CredentialOffers.asksForAuthorizationCode(json("{\"grant\": \"implicit\"}")));
        IssuerFixture.assertRefusedFor(Reason.OFFER_MALFORMED, () -> CredentialOffers.asksForAuthorizationCode(json("{\"grant\": 1}")));
    }
}
