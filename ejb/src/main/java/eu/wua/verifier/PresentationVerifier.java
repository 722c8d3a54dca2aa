package eu.wua.verifier;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import eu.wua.issuer.SdJwtVcFormat;
import eu.wua.platform.Base64Url;
import eu.wua.platform.EcPublicKeys;
import eu.wua.platform.JsonLimits;
import eu.wua.platform.SdJwtVc;
import eu.wua.platform.SignatureVerification;
import eu.wua.verifier.PresentationRejection.Reason;

/**
 * The device-binding checks a relying party runs on an SD-JWT VC presentation (RFC 9901 §4.3,
 * §7; haip-issuance.md "Presentation with device binding"), each a named step with its own reasons:
 * the issuer's signature and x5c chain to the trusted issuer CAs, every disclosure referenced once,
 * validity and status, the KB-JWT by the key in {@code cnf.jwk}, its nonce (used once), audience,
 * {@code iat}, {@code sd_hash} and {@code transaction_data_hashes}. Built with {@code new} in
 * unit tests over its interfaces.
 */
public class PresentationVerifier {

    static final int MAX_PRESENTATION = 32 * 1024;
    static final int MAX_DISCLOSURES = 64;
    static final String KB_TYPE = "kb+jwt";

    /** What the relying party expects: its challenge, its identifier, the transaction data it sent (none: empty). */
    public record Expected(String nonce, String audience, List<String> transactionData) {
        public Expected {
            transactionData = List.copyOf(transactionData);
        }
    }

    /** One named check and how it ended. */
    public record Check(String name, boolean passed) {
    }

    /** A presentation that passed every check: the disclosed claims and the RFC 7638 thumbprint of {@code cnf.jwk}. */
    public record Verified(JsonObject claims, String keyBindingKeyId, List<Check> checks) {
    }

    /** A refusal with the checks run up to it (the last one failed); its transaction rolls back, so the nonce stays unused. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final PresentationRejection rejection;
        private final transient List<Check> checks;

        Refused(PresentationRejection rejection, List<Check> checks) {
            super(rejection.getMessage(), rejection);
            this.rejection = rejection;
            this.checks = List.copyOf(checks);
        }

        public PresentationRejection rejection() { return rejection; }
        public List<Check> checks() { return checks; }
    }

    private final List<X509Certificate> issuerAnchors;
    private final CredentialStatus status;
    private final NonceUse nonces;
    private final Duration maxAge;
    private final Duration clockSkew;

    public PresentationVerifier(List<X509Certificate> issuerAnchors, CredentialStatus status, NonceUse nonces, Duration maxAge, Duration clockSkew) {
        this.issuerAnchors = List.copyOf(issuerAnchors);
        this.status = status;
        this.nonces = nonces;
        this.maxAge = maxAge;
        this.clockSkew = clockSkew;
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws PresentationRejection;
    }

    private static <T> T step(List<Check> checks, String name, Step<T> step) throws Refused {
        try {
            T result = step.run();
            checks.add(new Check(name, true));
            return result;
        } catch (PresentationRejection e) {
            checks.add(new Check(name, false));
            throw new Refused(e, checks);
        }
    }

    private record Bound(PublicJsonWebKey holderKey, JsonObject claims) {
    }

    private record Parts(String issuerJwt, List<String> disclosures, String keyBinding, String presented) {
    }

    public Verified verify(String presentation, Expected expected, Instant now) throws Refused {
        List<Check> checks = new ArrayList<>();
        Parts parts = step(checks, "presentation", () -> split(presentation));
        JsonObject payload = step(checks, "issuer_signature", () -> requireIssuerSignature(parts.issuerJwt(), now));
        JsonObject claims = step(checks, "disclosures", () -> disclosed(payload, parts.disclosures()));
        step(checks, "validity", () -> requireUnexpired(payload, now));
        step(checks, "status", () -> requireValidStatus(payload));
        Bound bound = step(checks, "key_binding", () -> {
            PublicJsonWebKey holderKey = requireHolderKey(payload);
            return new Bound(holderKey, requireKeyBinding(parts.keyBinding(), holderKey));
        });
        JsonObject kb = bound.claims();
        step(checks, "nonce", () -> requireNonce(kb, expected.nonce()));
        step(checks, "audience", () -> requireAudience(kb, expected.audience()));
        step(checks, "issued_at", () -> requireRecent(kb, now));
        step(checks, "sd_hash", () -> requireSdHash(kb, parts.presented()));
        step(checks, "transaction_data", () -> requireTransactionData(kb, expected.transactionData()));
        return new Verified(claims, bound.holderKey().calculateBase64urlEncodedThumbprint("SHA-256"), checks);
    }

    /** {@code <issuer-signed JWT>~<disclosure>~...~<KB-JWT>}, bounded before anything is decoded. */
    static Parts split(String presentation) throws PresentationRejection {
        if (presentation == null || presentation.isBlank()) {
            throw new PresentationRejection(Reason.PRESENTATION_MALFORMED, "no presentation");
        }
        if (presentation.length() > MAX_PRESENTATION) {
            throw new PresentationRejection(Reason.PRESENTATION_TOO_LARGE, "the presentation is longer than " + MAX_PRESENTATION / 1024 + " KiB");
        }
        int tildes = (int) presentation.chars().filter(c -> c == '~').count();
        if (tildes == 0) {
            throw new PresentationRejection(Reason.PRESENTATION_MALFORMED, "an SD-JWT presentation has ~-separated parts");
        }
        if (tildes > MAX_DISCLOSURES + 1) {
            throw new PresentationRejection(Reason.PRESENTATION_TOO_LARGE, "more than " + MAX_DISCLOSURES + " disclosures");
        }
        int last = presentation.lastIndexOf('~');
        String[] pieces = presentation.substring(0, last).split("~", -1);
        List<String> disclosures = new ArrayList<>();
        for (int i = 1; i < pieces.length; i++) {
            if (pieces[i].isEmpty()) {
                throw new PresentationRejection(Reason.PRESENTATION_MALFORMED, "disclosure " + i + " is empty");
            }
            disclosures.add(pieces[i]);
        }
        return new Parts(pieces[0], disclosures, presentation.substring(last + 1), presentation.substring(0, last + 1));
    }

    private JsonObject requireIssuerSignature(String jwt, Instant now) throws PresentationRejection {
        JsonWebSignature jws = jws(jwt, Reason.ISSUER_SIGNATURE, "the issuer-signed JWT");
        if (!SdJwtVc.TYPE.equals(jws.getHeader("typ"))) {
            throw new PresentationRejection(Reason.ISSUER_TYPE, "the issuer-signed JWT's typ must be " + SdJwtVc.TYPE);
        }
        if (!AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256.equals(jws.getAlgorithmHeaderValue())) {
            throw new PresentationRejection(Reason.ISSUER_ALGORITHM, "the issuer-signed JWT must be signed with ES256");
        }
        List<X509Certificate> chain;
        try {
            chain = jws.getCertificateChainHeaderValue();
        } catch (JoseException e) {
            throw new PresentationRejection(Reason.ISSUER_CHAIN, "the x5c header does not decode");
        }
        if (chain == null || chain.isEmpty()) {
            throw new PresentationRejection(Reason.ISSUER_CHAIN, "the issuer-signed JWT has no x5c");
        }
        requireTrustedChain(chain, now);
        requireSignature(jws, chain.get(0).getPublicKey(), Reason.ISSUER_SIGNATURE, "the issuer's signature");
        return json(jws, Reason.ISSUER_SIGNATURE, "the issuer-signed JWT's claims");
    }

    private void requireTrustedChain(List<X509Certificate> chain, Instant now) throws PresentationRejection {
        try {
            Set<TrustAnchor> anchors = issuerAnchors.stream().map(anchor -> new TrustAnchor(anchor, null)).collect(Collectors.toSet());
            SignatureVerification.validatePath(chain, anchors, now);
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new PresentationRejection(Reason.ISSUER_CHAIN, "the issuer's x5c does not chain to a trusted issuer CA");
        }
    }

    /** RFC 9901 §7.1: every disclosure's digest in the payload (or in a disclosed value), none twice; answers the claims they reveal. */
    static JsonObject disclosed(JsonObject payload, List<String> disclosures) throws PresentationRejection {
        Map<String, JsonArray> byDigest = new HashMap<>();
        for (String disclosure : disclosures) {
            JsonArray decoded = decodeDisclosure(disclosure);
            if (byDigest.put(digest(disclosure), decoded) != null) {
                throw new PresentationRejection(Reason.DISCLOSURE_REPEATED, "a disclosure is presented twice");
            }
        }
        Set<String> seen = new HashSet<>();
        Set<String> used = new HashSet<>();
        JsonObject claims = reveal(payload, byDigest, seen, used).asJsonObject();
        if (used.size() != byDigest.size()) {
            throw new PresentationRejection(Reason.DISCLOSURE_UNREFERENCED, (byDigest.size() - used.size())
                    + " disclosure(s) not referenced by any digest of the credential");
        }
        JsonObjectBuilder result = JSON.createObjectBuilder(claims);
        result.remove("_sd_alg");
        return result.build();
    }

    private static JsonArray decodeDisclosure(String disclosure) throws PresentationRejection {
        try {
            String text = new String(Base64Url.decode(disclosure), StandardCharsets.UTF_8);
            if (!JsonLimits.withinDepth(text)) {
                throw new PresentationRejection(Reason.DISCLOSURE_MALFORMED, "a disclosure nests too deep");
            }
            JsonValue value = JSON.createReader(new StringReader(text)).readValue();
            if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new PresentationRejection(Reason.DISCLOSURE_MALFORMED, "a disclosure is not a JSON array");
            }
            JsonArray array = value.asJsonArray();
            boolean property = array.size() == 3 && array.get(1) instanceof JsonString name
                    && !name.getString().equals("_sd") && !name.getString().equals("...");
            if (!(array.get(0) instanceof JsonString) || !(property || array.size() == 2)) {
                throw new PresentationRejection(Reason.DISCLOSURE_MALFORMED, "a disclosure is neither [salt, name, value] nor [salt, value]");
            }
            return array;
        } catch (IllegalArgumentException | JsonException | IllegalStateException e) {
            throw new PresentationRejection(Reason.DISCLOSURE_MALFORMED, "a disclosure is not base64url JSON");
        }
    }

    private static JsonValue reveal(JsonValue value, Map<String, JsonArray> byDigest, Set<String> seen, Set<String> used)
            throws PresentationRejection {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder revealed = JSON.createObjectBuilder();
            Set<String> names = new HashSet<>();
            for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                if (!member.getKey().equals("_sd")) {
                    revealed.add(member.getKey(), reveal(member.getValue(), byDigest, seen, used));
                    names.add(member.getKey());
                }
            }
            if (object.get("_sd") instanceof JsonArray digests) {
                for (JsonValue digest : digests) {
                    String text = digest instanceof JsonString s ? s.getString() : "";
                    requireFirstSight(text, seen);
                    JsonArray disclosure = byDigest.get(text);
                    if (disclosure != null && disclosure.size() == 3) {
                        String name = disclosure.getString(1);
                        if (!names.add(name)) {
                            throw new PresentationRejection(Reason.DISCLOSURE_REPEATED, "the claim " + name + " is disclosed twice");
                        }
                        used.add(text);
                        revealed.add(name, reveal(disclosure.get(2), byDigest, seen, used));
                    }
                }
            }
            return revealed.build();
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder revealed = JSON.createArrayBuilder();
            for (JsonValue element : array) {
                if (element instanceof JsonObject object && object.size() == 1 && object.get("...") instanceof JsonString digest) {
                    requireFirstSight(digest.getString(), seen);
                    JsonArray disclosure = byDigest.get(digest.getString());
                    if (disclosure != null && disclosure.size() == 2) {
                        used.add(digest.getString());
                        revealed.add(reveal(disclosure.get(1), byDigest, seen, used));
                    }
                } else {
                    revealed.add(reveal(element, byDigest, seen, used));
                }
            }
            return revealed.build();
        }
        return value;
    }

    private static void requireFirstSight(String digest, Set<String> seen) throws PresentationRejection {
        if (!seen.add(digest)) {
            throw new PresentationRejection(Reason.DISCLOSURE_REPEATED, "a digest appears twice in the credential");
        }
    }

    static Void requireUnexpired(JsonObject payload, Instant now) throws PresentationRejection {
        if (!(payload.get("exp") instanceof JsonNumber exp) || !now.isBefore(Instant.ofEpochSecond(exp.longValue()))) {
            throw new PresentationRejection(Reason.CREDENTIAL_EXPIRED, "the credential is expired (or has no exp)");
        }
        return null;
    }

    private Void requireValidStatus(JsonObject payload) throws PresentationRejection {
        JsonObject list = payload.get("status") instanceof JsonObject s && s.get("status_list") instanceof JsonObject l ? l : null;
        if (list == null || !(list.get("uri") instanceof JsonString uri) || !(list.get("idx") instanceof JsonNumber idx) || !idx.isIntegral()) {
            throw new PresentationRejection(Reason.CREDENTIAL_STATUS_UNKNOWN, "the credential names no status list entry");
        }
        OptionalInt value = status.status(uri.getString(), idx.intValue());
        if (value.isEmpty()) {
            throw new PresentationRejection(Reason.CREDENTIAL_STATUS_UNKNOWN, "the credential's status list is not one this verifier can read");
        }
        if (value.getAsInt() != 0) {
            throw new PresentationRejection(Reason.CREDENTIAL_REVOKED, value.getAsInt() == 2 ? "the credential is suspended" : "the credential is revoked");
        }
        return null;
    }

    static PublicJsonWebKey requireHolderKey(JsonObject payload) throws PresentationRejection {
        if (!(payload.get("cnf") instanceof JsonObject cnf) || !(cnf.get("jwk") instanceof JsonObject jwk)) {
            throw new PresentationRejection(Reason.KEY_BINDING_KEY, "the credential has no cnf.jwk to bind a presentation to");
        }
        try {
            return EcPublicKeys.requireP256(org.jose4j.json.JsonUtil.parseJson(jwk.toString()));
        } catch (EcPublicKeys.NotAKey | JoseException e) {
            throw new PresentationRejection(Reason.KEY_BINDING_KEY, "the credential's cnf.jwk is not a P-256 public key");
        }
    }

    /** RFC 9901 §4.3: a KB-JWT, typ kb+jwt, ES256, signed by the key in cnf.jwk; answers its claims. */
    static JsonObject requireKeyBinding(String keyBinding, PublicJsonWebKey holderKey) throws PresentationRejection {
        if (keyBinding.isEmpty()) {
            throw new PresentationRejection(Reason.KEY_BINDING_MISSING, "the presentation has no KB-JWT (a PID is presented with key binding)");
        }
        JsonWebSignature jws = jws(keyBinding, Reason.KEY_BINDING_SIGNATURE, "the KB-JWT");
        if (!KB_TYPE.equals(jws.getHeader("typ"))) {
            throw new PresentationRejection(Reason.KEY_BINDING_TYPE, "the KB-JWT's typ must be " + KB_TYPE);
        }
        if (!AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256.equals(jws.getAlgorithmHeaderValue())) {
            throw new PresentationRejection(Reason.KEY_BINDING_ALGORITHM, "the KB-JWT must be signed with ES256");
        }
        requireSignature(jws, holderKey.getPublicKey(), Reason.KEY_BINDING_SIGNATURE, "the KB-JWT's signature by the key in cnf.jwk");
        return json(jws, Reason.KEY_BINDING_SIGNATURE, "the KB-JWT's claims");
    }

    private Void requireNonce(JsonObject kb, String expected) throws PresentationRejection {
        if (!(kb.get("nonce") instanceof JsonString nonce) || expected == null || !nonce.getString().equals(expected) || !nonces.use(expected)) {
            throw new PresentationRejection(Reason.NONCE, "the KB-JWT's nonce is not a live challenge of this verifier (each is used once)");
        }
        return null;
    }

    static Void requireAudience(JsonObject kb, String expected) throws PresentationRejection {
        if (!(kb.get("aud") instanceof JsonString aud) || expected == null || !aud.getString().equals(expected)) {
            throw new PresentationRejection(Reason.AUDIENCE, "the KB-JWT's aud is not this verifier (" + expected + ")");
        }
        return null;
    }

    private Void requireRecent(JsonObject kb, Instant now) throws PresentationRejection {
        if (!(kb.get("iat") instanceof JsonNumber iat) || !iat.isIntegral()) {
            throw new PresentationRejection(Reason.ISSUED_AT, "the KB-JWT has no iat");
        }
        Instant issuedAt = Instant.ofEpochSecond(iat.longValue());
        if (issuedAt.isAfter(now.plus(clockSkew)) || issuedAt.isBefore(now.minus(maxAge))) {
            throw new PresentationRejection(Reason.ISSUED_AT, "the KB-JWT's iat is not within " + maxAge.toSeconds() + " s of now");
        }
        return null;
    }

    /** RFC 9901 §4.3.1: base64url(SHA-256(the presentation up to and including the last ~)). */
    static Void requireSdHash(JsonObject kb, String presented) throws PresentationRejection {
        if (!(kb.get("sd_hash") instanceof JsonString sdHash) || !sdHash.getString().equals(digest(presented))) {
            throw new PresentationRejection(Reason.SD_HASH, "the KB-JWT's sd_hash is not over exactly the presented SD-JWT and disclosures");
        }
        return null;
    }

    /** OpenID4VP 1.0 §8.4: one hash per transaction_data string as received, in order. */
    static Void requireTransactionData(JsonObject kb, List<String> transactionData) throws PresentationRejection {
        if (transactionData.isEmpty()) {
            return null;
        }
        if (kb.containsKey("transaction_data_hashes_alg") && !(kb.get("transaction_data_hashes_alg") instanceof JsonString alg
                && alg.getString().equals("sha-256"))) {
            throw new PresentationRejection(Reason.TRANSACTION_DATA, "transaction_data_hashes_alg must be sha-256");
        }
        List<String> expected = transactionData.stream().map(PresentationVerifier::digest).toList();
        List<String> given = kb.get("transaction_data_hashes") instanceof JsonArray hashes
                ? hashes.stream().map(h -> h instanceof JsonString s ? s.getString() : "").toList() : List.of();
        if (!given.equals(expected)) {
            throw new PresentationRejection(Reason.TRANSACTION_DATA, "the KB-JWT's transaction_data_hashes do not match the transaction_data");
        }
        return null;
    }

    private static JsonWebSignature jws(String compact, Reason malformed, String what) throws PresentationRejection {
        if (!Base64Url.isCanonicalCompact(compact)) {
            throw new PresentationRejection(malformed, what + " is not a compact JWS in canonical base64url");
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
            jws.setCompactSerialization(compact);
            SignatureVerification.providerContext().ifPresent(jws::setProviderContext);
            return jws;
        } catch (JoseException | IllegalArgumentException e) {
            throw new PresentationRejection(malformed, what + " does not decode");
        }
    }

    private static void requireSignature(JsonWebSignature jws, java.security.PublicKey key, Reason reason, String what) throws PresentationRejection {
        try {
            jws.setKey(key);
            if (jws.verifySignature()) {
                return;
            }
        } catch (JoseException e) {
            // a wrong key type or an algorithm outside the constraints: not a valid signature
        }
        throw new PresentationRejection(reason, what + " does not verify");
    }

    private static JsonObject json(JsonWebSignature jws, Reason reason, String what) throws PresentationRejection {
        try {
            String text = jws.getUnverifiedPayload();
            if (!JsonLimits.withinDepth(text)) {
                throw new PresentationRejection(reason, what + " nest too deep");
            }
            JsonValue value = JSON.createReader(new StringReader(text)).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new PresentationRejection(reason, what + " are not a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw new PresentationRejection(reason, what + " are not JSON");
        }
    }

    /** RFC 9901's base64url SHA-256 of the ASCII text: disclosures, {@code sd_hash}, {@code transaction_data_hashes}. */
    static String digest(String text) {
        return SdJwtVcFormat.digest(text);
    }
}
