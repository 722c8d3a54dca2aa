package eu.wua.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The wallet's side of PKCE, the PAR's parameters and offers with either grant. */
class AuthorizationFlowTest {

    @Test
    void theChallengeIsTheBase64urlSha256OfTheVerifierAndEachFlowHasItsOwn() throws Exception {
        AuthorizationFlow flow = new AuthorizationFlow(DpopKey.generate());
        assertTrue(flow.codeVerifier().matches("[A-Za-z0-9_-]{43,128}"), "RFC 7636 §4.1");
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(flow.codeVerifier().getBytes(StandardCharsets.US_ASCII))), flow.codeChallenge());
        AuthorizationFlow other = new AuthorizationFlow(DpopKey.generate());
        assertNotEquals(flow.codeVerifier(), other.codeVerifier());
        assertNotEquals(flow.state(), other.state());
    }

    @Test
    void thePushedParametersAskForOneConfigurationWithS256AndTheOffersIssuerState() {
        AuthorizationFlow flow = new AuthorizationFlow(DpopKey.generate());
        Map<String, String> parameters = flow.pushedParameters("client", "pid", "state-of-offer");
        assertEquals("code", parameters.get("response_type"));
        assertEquals("S256", parameters.get("code_challenge_method"));
        assertEquals("pid", parameters.get("scope"));
        assertEquals("state-of-offer", parameters.get("issuer_state"));
        assertFalse(flow.pushedParameters("client", "pid", null).containsKey("issuer_state"));
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("a", "1");
        form.put("b", "x y&z");
        assertEquals("a=1&b=x+y%26z", AuthorizationFlow.formOf(form));
    }

    @Test
    void anOfferWithTheAuthorizationCodeGrantGivesItsIssuerState() {
        String json = "{\"credential_issuer\": \"https://issuer.example\", \"credential_configuration_ids\": [\"pid\"],"
                + " \"grants\": {\"authorization_code\": {\"issuer_state\": \"s-1\"}}}";
        CredentialOffer offer = CredentialOffer.parse("openid-credential-offer://?credential_offer=" + URLEncoder.encode(json, StandardCharsets.UTF_8));
        assertEquals("s-1", offer.issuerState());
        assertFalse(offer.preAuthorized());
        assertNull(offer.preAuthorizedCode());
        CredentialOffer walletInitiated = CredentialOffer.walletInitiated("https://issuer.example", "pid");
        assertNull(walletInitiated.issuerState());
        assertFalse(walletInitiated.preAuthorized());
    }
}
