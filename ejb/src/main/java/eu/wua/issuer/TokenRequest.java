package eu.wua.issuer;

import java.io.InputStream;
import java.util.Optional;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.OpenId4Vci;

/**
 * A token request (RFC 6749 §4.1.3, §6, VCI §6.1) as read from its form-encoded body: the
 * pre-authorized code grant with its code and tx_code, the authorization code grant with its code,
 * redirect URI and PKCE verifier, or a refresh token.
 */
public sealed interface TokenRequest {

    /** VCI §6.1; {@code txCode} when the offer has one. */
    record PreAuthorizedCode(String preAuthorizedCode, Optional<String> txCode) implements TokenRequest {
    }

    /** RFC 6749 §4.1.3 with RFC 7636 §4.5. */
    record AuthorizationCode(String code, String redirectUri, String codeVerifier) implements TokenRequest {
    }

    /** RFC 6749 §6. */
    record Refresh(String refreshToken) implements TokenRequest {
    }

    String AUTHORIZATION_CODE_GRANT = "authorization_code";
    String REFRESH_TOKEN_GRANT = "refresh_token";

    /** The request's body, read by the platform's body reader. */
    static TokenRequest read(InputStream body) throws IssuanceRejection {
        return of(FormBody.read(body, Reason.TOKEN_REQUEST_MALFORMED, Reason.TOKEN_REQUEST_TOO_LARGE));
    }

    static TokenRequest parse(String formBody) throws IssuanceRejection {
        return of(FormBody.parse(formBody, Reason.TOKEN_REQUEST_MALFORMED));
    }

    private static TokenRequest of(FormBody form) throws IssuanceRejection {
        String grantType = form.optional("grant_type").orElse("");
        if (OpenId4Vci.PRE_AUTHORIZED_GRANT.equals(grantType)) {
            return new PreAuthorizedCode(form.required("pre-authorized_code"), form.optional("tx_code"));
        }
        if (AUTHORIZATION_CODE_GRANT.equals(grantType)) {
            // RFC 7636 §4.5: without the verifier the code cannot be redeemed (PKCE is required here)
            String code = form.required("code");
            String redirectUri = form.required("redirect_uri");
            String verifier = form.optional("code_verifier").orElseThrow(() -> new IssuanceRejection(Reason.CODE_VERIFIER_MISSING,
                    "code_verifier is missing: this issuer requires PKCE (RFC 7636, HAIP)"));
            return new AuthorizationCode(code, redirectUri, verifier);
        }
        if (REFRESH_TOKEN_GRANT.equals(grantType)) {
            return new Refresh(form.required("refresh_token"));
        }
        throw new IssuanceRejection(Reason.UNSUPPORTED_GRANT_TYPE, "grant_type must be " + AUTHORIZATION_CODE_GRANT + ", "
                + OpenId4Vci.PRE_AUTHORIZED_GRANT + " or " + REFRESH_TOKEN_GRANT);
    }
}
