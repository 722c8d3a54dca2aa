package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import eu.wua.platform.SdJwtVc;
import eu.wua.status.StatusReference;

/**
 * The one class that knows the SD-JWT VC wire format (RFC 9901 §4, SD-JWT VC §2, sd-jwt-vc-pid.md):
 * every PID attribute a disclosure {@code [salt, name, value]} with a fresh 128-bit salt, each
 * {@code address} member disclosable on its own inside a disclosable {@code address}, decoy digests,
 * digests sorted so that their order says nothing; {@code iss}, {@code iat}, {@code exp},
 * {@code vct}, {@code cnf}, {@code status} and {@code _sd_alg} in the clear; {@code typ dc+sd-jwt}.
 */
public final class SdJwtVcFormat {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** What one credential of a batch states; only {@code holderKey} and {@code status} differ within a batch. */
    public record Statement(String issuer, String vct, Instant issuedAt, Instant expiresAt, Map<String, Object> holderKey,
            StatusReference status, JsonObject attributes) {
    }

    /** The issuer-signed JWT's parts before signing, and the disclosures that go after it. */
    public record Unsigned(JsonObject header, JsonObject payload, List<String> disclosures) {

        /** {@code <JWT>~<D1>~...~<Dn>~}: what the credential endpoint returns (always ending in {@code ~}). */
        public String withSignedJwt(String jwt) {
            StringBuilder sdJwt = new StringBuilder(jwt).append('~');
            disclosures.forEach(d -> sdJwt.append(d).append('~'));
            return sdJwt.toString();
        }
    }

    private SdJwtVcFormat() {
    }

    public static Unsigned unsigned(Statement statement, List<X509Certificate> x5cWithoutAnchor) {
        List<String> disclosures = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (Map.Entry<String, JsonValue> attribute : statement.attributes().entrySet()) {
            JsonValue value = attribute.getValue();
            if ("address".equals(attribute.getKey()) && value.getValueType() == JsonValue.ValueType.OBJECT) {
                value = disclosableMembers(value.asJsonObject(), disclosures);
            }
            String disclosure = disclosure(attribute.getKey(), value);
            disclosures.add(disclosure);
            digests.add(digest(disclosure));
        }
        JsonObjectBuilder payload = JSON.createObjectBuilder()
                .add("iss", statement.issuer())
                .add("iat", statement.issuedAt().getEpochSecond())
                .add("exp", statement.expiresAt().getEpochSecond())
                .add("vct", statement.vct())
                .add("_sd_alg", "sha-256")
                .add("_sd", sortedWithDecoys(digests))
                .add("cnf", JSON.createObjectBuilder().add("jwk", JSON.createObjectBuilder(statement.holderKey())))
                .add("status", JSON.createObjectBuilder().add("status_list", JSON.createObjectBuilder()
                        .add("idx", statement.status().index()).add("uri", statement.status().uri())));
        return new Unsigned(header(x5cWithoutAnchor), payload.build(), List.copyOf(disclosures));
    }

    private static JsonObject header(List<X509Certificate> x5c) {
        JsonArrayBuilder chain = JSON.createArrayBuilder();
        for (X509Certificate certificate : x5c) {
            try {
                chain.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("the credential-signing certificate cannot be encoded", e);
            }
        }
        return JSON.createObjectBuilder().add("alg", "ES256").add("typ", SdJwtVc.TYPE).add("x5c", chain).build();
    }

    /** RFC 9901 §4.2.6: the members become disclosures of their own; the object keeps only their digests. */
    private static JsonObject disclosableMembers(JsonObject object, List<String> disclosures) {
        List<String> digests = new ArrayList<>();
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            String disclosure = disclosure(member.getKey(), member.getValue());
            disclosures.add(disclosure);
            digests.add(digest(disclosure));
        }
        return JSON.createObjectBuilder().add("_sd", sortedWithDecoys(digests)).build();
    }

    static String disclosure(String name, JsonValue value) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String json = JSON.createArrayBuilder().add(BASE64URL.encodeToString(salt)).add(name).add(value).build().toString();
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 9901 §4.2.3: the hash of the ASCII of the base64url disclosure, base64url-encoded. */
    public static String digest(String disclosure) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(disclosure.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 1 to 4 decoys (§4.2.5), then sorted (§4.2.4): neither the count nor the order of attributes shows. */
    private static JsonArrayBuilder sortedWithDecoys(List<String> digests) {
        List<String> all = new ArrayList<>(digests);
        int decoys = 1 + RANDOM.nextInt(4);
        for (int i = 0; i < decoys; i++) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            all.add(digest(BASE64URL.encodeToString(random)));
        }
        Collections.sort(all);
        JsonArrayBuilder array = JSON.createArrayBuilder();
        all.forEach(array::add);
        return array;
    }
}
