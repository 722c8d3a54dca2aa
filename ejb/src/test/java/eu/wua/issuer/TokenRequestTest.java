package eu.wua.issuer;

import static eu.wua.issuer.IssuerFixture.assertRefusedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.OpenId4Vci;

/** The token request as read from its form, one sentence and one reason each. */
class TokenRequestTest {

    private static final String GRANT = "grant_type=" + URLEncoder.encode(OpenId4Vci.PRE_AUTHORIZED_GRANT, StandardCharsets.UTF_8);

    @Test
    void aPreAuthorizedCodeGrantGivesItsCodeAndTxCode() throws Exception {
        TokenRequest.PreAuthorizedCode request = (TokenRequest.PreAuthorizedCode) TokenRequest.parse(GRANT
                + "&pre-authorized_code=abc%2Bdef&tx_code=123456");
        assertEquals("abc+def", request.preAuthorizedCode());
        assertEquals("123456", request.txCode().orElseThrow());
        assertTrue(((TokenRequest.PreAuthorizedCode) TokenRequest.parse(GRANT + "&pre-authorized_code=abc&tx_code=")).txCode().isEmpty());
    }

    @Test
    void anAuthorizationCodeGrantGivesItsCodeRedirectUriAndVerifier() throws Exception {
        TokenRequest.AuthorizationCode request = (TokenRequest.AuthorizationCode) TokenRequest.parse("grant_type=authorization_code&code=c1"
                + "&redirect_uri=eu.wua.wallet%3A%2Fauthorized&code_verifier=v1");
        assertEquals(new TokenRequest.AuthorizationCode("c1", "eu.wua.wallet:/authorized", "v1"), request);
        assertEquals(new TokenRequest.Refresh("r1"), TokenRequest.parse("grant_type=refresh_token&refresh_token=r1"));
    }

    @Test
    void anAuthorizationCodeWithoutAVerifierIsRefusedBecausePkceIsRequired() {
        assertRefusedFor(Reason.CODE_VERIFIER_MISSING, () -> TokenRequest.parse("grant_type=authorization_code&code=c&redirect_uri=x"));
    }

    @Test
    void anotherGrantTypeIsUnsupported() {
        assertRefusedFor(Reason.UNSUPPORTED_GRANT_TYPE, () -> TokenRequest.parse("grant_type=password&username=x"));
        assertRefusedFor(Reason.UNSUPPORTED_GRANT_TYPE, () -> TokenRequest.parse(""));
    }

    @Test
    void aMissingOrRepeatedParameterOrABrokenEncodingIsMalformed() {
        assertRefusedFor(Reason.TOKEN_REQUEST_MALFORMED, () -> TokenRequest.parse(GRANT));
        assertRefusedFor(Reason.TOKEN_REQUEST_MALFORMED, () -> TokenRequest.parse(GRANT + "&pre-authorized_code=a&pre-authorized_code=b"));
        assertRefusedFor(Reason.TOKEN_REQUEST_MALFORMED, () -> TokenRequest.parse(GRANT + "&pre-authorized_code=%zz"));
        assertRefusedFor(Reason.TOKEN_REQUEST_MALFORMED, () -> TokenRequest.parse("grant_type=authorization_code&redirect_uri=x&code_verifier=v"));
        assertRefusedFor(Reason.TOKEN_REQUEST_MALFORMED, () -> TokenRequest.parse("grant_type=refresh_token"));
    }
}
