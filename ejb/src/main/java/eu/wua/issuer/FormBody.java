package eu.wua.issuer;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.RequestBody;

/**
 * An {@code application/x-www-form-urlencoded} body (token and PAR requests): read by the platform's
 * body reader, a parameter given twice refused (RFC 6749 §3.1, §3.2), an empty value the same as none.
 */
record FormBody(Map<String, String> parameters, Reason malformed) {

    static FormBody read(InputStream body, Reason malformed, Reason tooLarge) throws IssuanceRejection {
        try {
            return parse(RequestBody.text(body), malformed);
        } catch (RequestBody.Refused refused) {
            throw new IssuanceRejection(refused.tooLarge() ? tooLarge : malformed, refused.getMessage());
        }
    }

    static FormBody parse(String body, Reason malformed) throws IssuanceRejection {
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
                throw new IssuanceRejection(malformed, "the body is not application/x-www-form-urlencoded");
            }
            if (parameters.put(name, value) != null) {
                throw new IssuanceRejection(malformed, "the parameter " + name + " is repeated");
            }
        }
        return new FormBody(Map.copyOf(parameters), malformed);
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(parameters.get(name)).filter(value -> !value.isEmpty());
    }

    String required(String name) throws IssuanceRejection {
        return optional(name).filter(value -> !value.isBlank()).orElseThrow(() -> new IssuanceRejection(malformed, name + " is missing"));
    }

    boolean has(String name) {
        return parameters.containsKey(name);
    }
}
