package eu.wua.wallet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * An SD-JWT VC as the wallet receives it, checked before it is kept: typ {@code dc+sd-jwt}, the
 * issuer's signature (x5c leaf), every disclosure's digest present, {@code cnf.jwk} the expected
 * key. {@link #claims()} is the credential with all disclosures applied.
 */
public record ReceivedCredential(String compact, Map<String, Object> header, Map<String, Object> payload, Map<String, Object> claims) {

    @SuppressWarnings("unchecked")
    public static ReceivedCredential verify(String compact, RemoteKey boundKey) throws InvalidCredential {
        if (!compact.endsWith("~")) {
            throw new InvalidCredential("an issued SD-JWT ends with ~");
        }
        String[] parts = compact.split("~");
        try {
            JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(parts[0]);
            if (!"dc+sd-jwt".equals(jws.getHeader("typ"))) {
                throw new InvalidCredential("typ is " + jws.getHeader("typ") + ", not dc+sd-jwt");
            }
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256", "ES384", "ES512"));
            jws.setKey(jws.getCertificateChainHeaderValue().get(0).getPublicKey());
            if (!jws.verifySignature()) {
                throw new InvalidCredential("the issuer's signature does not verify with its x5c certificate");
            }
            Map<String, Object> payload = JsonUtil.parseJson(jws.getPayload());
            Map<String, Object> jwk = (Map<String, Object>) ((Map<String, Object>) payload.get("cnf")).get("jwk");
            if (!PublicJsonWebKey.Factory.newPublicJwk(jwk).calculateBase64urlEncodedThumbprint("SHA-256").equals(boundKey.thumbprint())) {
                throw new InvalidCredential("cnf.jwk is not the key " + boundKey.kid() + " it was asked for");
            }
            Map<String, List<Object>> disclosures = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                List<Object> disclosure = (List<Object>) JsonUtil.parseJson("{\"d\":" + new String(Base64.getUrlDecoder().decode(parts[i]),
                        StandardCharsets.UTF_8) + "}").get("d");
                disclosures.put(digest(parts[i]), disclosure);
            }
            Map<String, Object> claims = disclose(payload, disclosures);
            if (!disclosures.isEmpty()) {
                throw new InvalidCredential(disclosures.size() + " disclosure(s) have no digest in the credential");
            }
            Map<String, Object> header = JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(parts[0].split("\\.")[0]), StandardCharsets.UTF_8));
            return new ReceivedCredential(compact, header, payload, claims);
        } catch (JoseException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new InvalidCredential("the credential does not parse: " + e.getMessage());
        }
    }

    /** RFC 9901 §7.1: replaces the digests of {@code _sd} by the claims they stand for, recursively; decoys stay unmatched. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> disclose(Map<String, Object> object, Map<String, List<Object>> disclosures) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> member : object.entrySet()) {
            if (member.getKey().equals("_sd") || member.getKey().equals("_sd_alg")) {
                continue;
            }
            result.put(member.getKey(), member.getValue() instanceof Map<?, ?> inner ? disclose((Map<String, Object>) inner, disclosures)
                    : member.getValue());
        }
        if (object.get("_sd") instanceof List<?> digests) {
            for (Object digest : new ArrayList<>(digests)) {
                List<Object> disclosure = disclosures.remove(digest);
                if (disclosure != null && disclosure.size() == 3) {
                    Object value = disclosure.get(2);
                    result.put((String) disclosure.get(1), value instanceof Map<?, ?> inner ? disclose((Map<String, Object>) inner, disclosures) : value);
                }
            }
        }
        return result;
    }

    static String digest(String disclosure) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(disclosure.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The credential did not pass the wallet's checks. */
    public static class InvalidCredential extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidCredential(String message) {
            super(message);
        }
    }
}
