package eu.wua.issuer;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.OpenId4Vci;
import eu.wua.platform.RequestBody;

/**
 * A token request (RFC 6749 §4.1.3, VCI §6.1) as read from its form-encoded body: the
 * pre-authorized code grant with its code and, when the offer has one, the tx_code.
 */
public record TokenRequest(String preAuthorizedCode, Optional<String> txCode) {

    /** The request's body, read by the platform's body reader. */
    public static TokenRequest read(InputStream body) throws IssuanceRejection {
        try {
            return parse(RequestBody.text(body));
        } catch (RequestBody.Refused refused) {
            throw new IssuanceRejection(refused.tooLarge() ? Reason.TOKEN_REQUEST_TOO_LARGE : Reason.TOKEN_REQUEST_MALFORMED,
                    refused.getMessage());
        }
    }

    public static TokenRequest parse(String formBody) throws IssuanceRejection {
        Map<String, String> form = form(formBody);
        if (!OpenId4Vci.PRE_AUTHORIZED_GRANT.equals(form.get("grant_type"))) {
            throw new IssuanceRejection(Reason.UNSUPPORTED_GRANT_TYPE, "grant_type must be " + OpenId4Vci.PRE_AUTHORIZED_GRANT);
        }
        String code = form.get("pre-authorized_code");
        if (code == null || code.isBlank()) {
            throw new IssuanceRejection(Reason.TOKEN_REQUEST_MALFORMED, "pre-authorized_code is missing");
        }
        return new TokenRequest(code, Optional.ofNullable(form.get("tx_code")).filter(txCode -> !txCode.isEmpty()));
    }

    /** application/x-www-form-urlencoded; a parameter given twice is refused (RFC 6749 §3.2). */
    private static Map<String, String> form(String body) throws IssuanceRejection {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IssuanceRejection(Reason.TOKEN_REQUEST_MALFORMED, "the body is not application/x-www-form-urlencoded");
            }
            if (parameters.put(name, value) != null) {
                throw new IssuanceRejection(Reason.TOKEN_REQUEST_MALFORMED, "the parameter " + name + " is repeated");
            }
        }
        return parameters;
    }
}
