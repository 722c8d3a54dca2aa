package eu.wua.verifier;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.wscd.WscdException;

/**
 * Signs, with the platform's own credential key, a PID the issuer would never sign: one whose time
 * claims lie in the past, so that ReissuanceIT presents an expired PID of this provider without
 * waiting for one to expire.
 */
@Stateless
public class PresentationProbe {

    @Inject
    private PlatformKeys platformKeys;

    /** {@code sdJwt} with its issuer-signed JWT signed again, {@code iat} and {@code exp} replaced; the disclosures are kept. */
    public String restamped(String sdJwt, Instant issuedAt, Instant expiresAt) throws WscdException {
        int end = sdJwt.indexOf('~');
        String[] jwt = sdJwt.substring(0, end).split("\\.");
        JsonObject payload = Json.createObjectBuilder(decoded(jwt[1])).add("iat", issuedAt.getEpochSecond())
                .add("exp", expiresAt.getEpochSecond()).build();
        return platformKeys.signCompactJws(PlatformKeyPurpose.CREDENTIAL_SIGNING, decoded(jwt[0]), payload) + sdJwt.substring(end);
    }

    private static JsonObject decoded(String part) {
        return Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8))).readObject();
    }
}
