package eu.wua.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import jakarta.json.JsonObject;

import org.bouncycastle.asn1.x500.X500Name;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.issuer.SdJwtVcFormat;
import eu.wua.platform.Es256Signer;
import eu.wua.platform.JsonFactory;
import eu.wua.platform.PlatformCertificates;
import eu.wua.status.StatusReference;
import eu.wua.testing.JdkEcTripwire;
import eu.wua.verifier.PresentationRejection.Reason;

/** The presentation checks, one sentence and one reason each, over credentials signed here with software keys. */
@ExtendWith(JdkEcTripwire.class)
class PresentationVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final String AUDIENCE = "https://verifier.example";
    private static final String LIST = "https://issuer.example/issuer/v1/status-lists/pid-1";

    private final KeyPair caKey = key();
    private final KeyPair signingKey = key();
    private final X509Certificate ca;
    private final X509Certificate signing;

    PresentationVerifierTest() throws Exception {
        ca = PlatformCertificates.selfSignedCa(new X500Name("CN=Test PID CA"), caKey.getPublic(), signer(caKey), NOW.minusSeconds(3600),
                Duration.ofDays(3650));
        signing = PlatformCertificates.issueSigningCertificate(new X500Name("CN=Test PID Issuer"), signingKey.getPublic(), ca, signer(caKey),
                NOW.minusSeconds(3600), Duration.ofDays(730));
    }
    private final EllipticCurveJsonWebKey holder = jwk();
    private final Map<Integer, Integer> statuses = new HashMap<>(Map.of(7, 0, 8, 1, 9, 2));
    private final Set<String> liveNonces = new HashSet<>(Set.of("n-1"));

    private PresentationVerifier verifier() {
        return new PresentationVerifier(List.of(ca), (uri, index) -> uri.equals(LIST) && statuses.containsKey(index)
                ? OptionalInt.of(statuses.get(index)) : OptionalInt.empty(), liveNonces::remove, Duration.ofMinutes(5), Duration.ofSeconds(60));
    }

    private static KeyPair key() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static EllipticCurveJsonWebKey jwk() {
        try {
            return EcJwkGenerator.generateJwk(EllipticCurves.P256);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Es256Signer signer(KeyPair key) {
        return data -> {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key.getPrivate());
            signature.update(data);
            return signature.sign();
        };
    }

    /** {@code <JWT>~<D1>~...~} of a PID with status entry {@code index}, expiring at {@code exp}, signed by {@code key} with {@code x5c}. */
    private String credential(int index, Instant exp, KeyPair key, List<X509Certificate> x5c) throws Exception {
        JsonObject attributes = JsonFactory.JSON.createObjectBuilder().add("given_name", "Erika").add("family_name", "Mustermann")
                .add("address", JsonFactory.JSON.createObjectBuilder().add("locality", "Berlin").add("country", "DE"))
                .add("nationalities", JsonFactory.JSON.createArrayBuilder().add("DE")).build();
        SdJwtVcFormat.Unsigned unsigned = SdJwtVcFormat.unsigned(new SdJwtVcFormat.Statement("https://issuer.example", "urn:eudi:pid:1",
                NOW.minusSeconds(3600), exp, holder.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), new StatusReference(LIST, index),
                attributes), x5c);
        String signingInput = b64(unsigned.header().toString()) + "." + b64(unsigned.payload().toString());
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(key.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return unsigned.withSignedJwt(signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign()));
    }

    private String credential() throws Exception {
        return credential(7, NOW.plus(Duration.ofDays(30)), signingKey, List.of(signing));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A KB-JWT over {@code presented} with these claims changed ({@code null} removes one), signed by {@code key} with {@code typ}. */
    private String keyBinding(String presented, Map<String, Object> changes, EllipticCurveJsonWebKey key, String typ) throws Exception {
        Map<String, Object> claims = new HashMap<>(Map.of("nonce", "n-1", "aud", AUDIENCE, "iat", NOW.getEpochSecond(),
                "sd_hash", PresentationVerifier.digest(presented)));
        changes.forEach((name, value) -> {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
        });
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(org.jose4j.json.JsonUtil.toJson(claims));
        jws.setHeader("typ", typ);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKey(key.getPrivateKey());
        return jws.getCompactSerialization();
    }

    private String present(String credential, Map<String, Object> changes) throws Exception {
        return credential + keyBinding(credential, changes, holder, "kb+jwt");
    }

    private static final PresentationVerifier.Expected EXPECTED = new PresentationVerifier.Expected("n-1", AUDIENCE, List.of());

    private PresentationRejection refused(String presentation, PresentationVerifier.Expected expected) {
        return assertThrows(PresentationVerifier.Refused.class, () -> verifier().verify(presentation, expected, NOW)).rejection();
    }

    private void assertRefusedFor(Reason reason, String presentation) {
        assertRefusedFor(reason, presentation, EXPECTED);
    }

    private void assertRefusedFor(Reason reason, String presentation, PresentationVerifier.Expected expected) {
        PresentationRejection rejection = refused(presentation, expected);
        assertEquals(reason, rejection.reason(), rejection.getMessage());
    }

    @Test
    void aPresentationWithKeyBindingGivesTheDisclosedClaimsTheKeyIdAndEveryCheckPassed() throws Exception {
        PresentationVerifier.Verified verified = verifier().verify(present(credential(), Map.of()), EXPECTED, NOW);
        assertEquals("Erika", verified.claims().getString("given_name"));
        assertEquals("Berlin", verified.claims().getJsonObject("address").getString("locality"));
        assertEquals("DE", verified.claims().getJsonArray("nationalities").getString(0));
        assertTrue(!verified.claims().containsKey("_sd") && !verified.claims().containsKey("_sd_alg"));
        assertEquals(holder.calculateBase64urlEncodedThumbprint("SHA-256"), verified.keyBindingKeyId());
        assertEquals(List.of("presentation", "issuer_signature", "disclosures", "validity", "status", "key_binding", "nonce", "audience",
                "issued_at", "sd_hash", "transaction_data"), verified.checks().stream().map(PresentationVerifier.Check::name).toList());
        assertTrue(verified.checks().stream().allMatch(PresentationVerifier.Check::passed));
    }

    @Test
    void aPresentationWithFewerDisclosuresRevealsOnlyThose() throws Exception {
        String full = credential();
        List<String> pieces = new ArrayList<>(Arrays.asList(full.split("~")));
        String withOne = pieces.get(0) + "~" + pieces.get(1) + "~";
        PresentationVerifier.Verified verified = verifier().verify(present(withOne, Map.of()), EXPECTED, NOW);
        assertEquals(1, verified.claims().keySet().stream().filter(n -> List.of("given_name", "family_name", "address", "nationalities").contains(n))
                .count(), verified.claims().toString());
    }

    @Test
    void nothingOrNoTildeIsMalformedAndTooLongOrTooManyDisclosuresIsRefusedBeforeDecoding() throws Exception {
        assertRefusedFor(Reason.PRESENTATION_MALFORMED, "");
        assertRefusedFor(Reason.PRESENTATION_MALFORMED, "eyJ.eyJ.sig");
        assertRefusedFor(Reason.PRESENTATION_MALFORMED, credential().replaceFirst("~", "~~"));
        assertRefusedFor(Reason.PRESENTATION_TOO_LARGE, "a".repeat(100 * 1024) + "~");
        assertRefusedFor(Reason.PRESENTATION_TOO_LARGE, "a~".repeat(10_000));
    }

    @Test
    void anIssuerJwtOfAnotherTypeIsRefused() throws Exception {
        String credential = credential();
        String[] jwt = credential.substring(0, credential.indexOf('~')).split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8).replace("dc+sd-jwt", "jwt");
        String retyped = b64(header) + "." + jwt[1] + "." + jwt[2] + credential.substring(credential.indexOf('~'));
        assertRefusedFor(Reason.ISSUER_TYPE, present(retyped, Map.of()));
    }

    @Test
    void anUnsignedIssuerJwtIsRefusedForItsAlgorithm() throws Exception {
        String credential = credential();
        String[] jwt = credential.substring(0, credential.indexOf('~')).split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8).replace("\"ES256\"", "\"none\"");
        String none = b64(header) + "." + jwt[1] + "." + credential.substring(credential.indexOf('~'));
        PresentationRejection rejection = refused(present(none, Map.of()), EXPECTED);
        assertTrue(rejection.reason() == Reason.ISSUER_ALGORITHM || rejection.reason() == Reason.ISSUER_SIGNATURE, rejection.reason().name());
        String signed = b64(header) + "." + jwt[1] + "." + jwt[2] + credential.substring(credential.indexOf('~'));
        assertRefusedFor(Reason.ISSUER_ALGORITHM, present(signed, Map.of()));
    }

    @Test
    void anIssuerSignatureThatDoesNotVerifyIsRefused() throws Exception {
        assertRefusedFor(Reason.ISSUER_SIGNATURE, present(credential(7, NOW.plus(Duration.ofDays(30)), key(), List.of(signing)), Map.of()));
    }

    @Test
    void aChainToAnotherCaOrNoChainIsRefused() throws Exception {
        KeyPair otherCaKey = key();
        X509Certificate otherCa = PlatformCertificates.selfSignedCa(new X500Name("CN=Other CA"), otherCaKey.getPublic(), signer(otherCaKey),
                NOW.minusSeconds(3600), Duration.ofDays(10));
        KeyPair otherKey = key();
        X509Certificate other = PlatformCertificates.issueSigningCertificate(new X500Name("CN=Other"), otherKey.getPublic(), otherCa,
                signer(otherCaKey), NOW.minusSeconds(3600), Duration.ofDays(10));
        assertRefusedFor(Reason.ISSUER_CHAIN, present(credential(7, NOW.plus(Duration.ofDays(30)), otherKey, List.of(other)), Map.of()));
        assertRefusedFor(Reason.ISSUER_CHAIN, present(credential(7, NOW.plus(Duration.ofDays(30)), signingKey, List.of()), Map.of()));
    }

    @Test
    void aDisclosureThatIsNotBase64urlJsonIsMalformed() throws Exception {
        String credential = credential();
        String jwt = credential.substring(0, credential.indexOf('~'));
        assertRefusedFor(Reason.DISCLOSURE_MALFORMED, present(jwt + "~" + b64("not json") + "~", Map.of()));
        assertRefusedFor(Reason.DISCLOSURE_MALFORMED, present(jwt + "~" + b64("[\"salt\", \"_sd\", 1]") + "~", Map.of()));
    }

    @Test
    void aDisclosureNoDigestReferencesIsRefused() throws Exception {
        String credential = credential();
        assertRefusedFor(Reason.DISCLOSURE_UNREFERENCED, present(credential + b64("[\"salt\", \"age_over_18\", true]") + "~", Map.of()));
    }

    @Test
    void aDisclosurePresentedTwiceIsRefused() throws Exception {
        String credential = credential();
        String first = credential.split("~")[1];
        assertRefusedFor(Reason.DISCLOSURE_REPEATED, present(credential + first + "~", Map.of()));
    }

    @Test
    void anExpiredCredentialIsRefused() throws Exception {
        assertRefusedFor(Reason.CREDENTIAL_EXPIRED, present(credential(7, NOW, signingKey, List.of(signing)), Map.of()));
    }

    @Test
    void aRevokedOrSuspendedCredentialIsRefused() throws Exception {
        assertRefusedFor(Reason.CREDENTIAL_REVOKED, present(credential(8, NOW.plus(Duration.ofDays(30)), signingKey, List.of(signing)), Map.of()));
        PresentationRejection suspended = refused(present(credential(9, NOW.plus(Duration.ofDays(30)), signingKey, List.of(signing)), Map.of()),
                EXPECTED);
        assertEquals(Reason.CREDENTIAL_REVOKED, suspended.reason());
        assertTrue(suspended.getMessage().contains("suspended"));
    }

    @Test
    void aStatusEntryThisVerifierCannotReadIsUnknown() throws Exception {
        assertRefusedFor(Reason.CREDENTIAL_STATUS_UNKNOWN, present(credential(99, NOW.plus(Duration.ofDays(30)), signingKey, List.of(signing)),
                Map.of()));
    }

    @Test
    void aPresentationWithoutAKbJwtIsRefused() throws Exception {
        assertRefusedFor(Reason.KEY_BINDING_MISSING, credential());
    }

    @Test
    void aKbJwtOfAnotherTypIsRefused() throws Exception {
        String credential = credential();
        assertRefusedFor(Reason.KEY_BINDING_TYPE, credential + keyBinding(credential, Map.of(), holder, "jwt"));
    }

    @Test
    void aKbJwtSignedByAnotherKeyThanCnfIsRefused() throws Exception {
        String credential = credential();
        assertRefusedFor(Reason.KEY_BINDING_SIGNATURE, credential + keyBinding(credential, Map.of(), jwk(), "kb+jwt"));
    }

    @Test
    void anUnsignedKbJwtIsRefusedForItsAlgorithm() throws Exception {
        String credential = credential();
        String[] kb = keyBinding(credential, Map.of(), holder, "kb+jwt").split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(kb[0]), StandardCharsets.UTF_8).replace("\"ES256\"", "\"none\"");
        assertRefusedFor(Reason.KEY_BINDING_ALGORITHM, credential + b64(header) + "." + kb[1] + "." + kb[2]);
    }

    @Test
    void aCredentialWhoseCnfIsNoPublicKeyOrMissingCannotBeBound() {
        JsonObject secretKey = JsonFactory.JSON.createObjectBuilder().add("cnf", JsonFactory.JSON.createObjectBuilder()
                .add("jwk", JsonFactory.JSON.createObjectBuilder().add("kty", "oct").add("k", "AAAA"))).build();
        assertEquals(Reason.KEY_BINDING_KEY, assertThrows(PresentationRejection.class, () -> PresentationVerifier.requireHolderKey(secretKey))
                .reason());
        assertEquals(Reason.KEY_BINDING_KEY, assertThrows(PresentationRejection.class, () -> PresentationVerifier.requireHolderKey(
                JsonFactory.JSON.createObjectBuilder().build())).reason());
    }

    @Test
    void aWrongOrReusedNonceIsRefused() throws Exception {
        String credential = credential();
        assertRefusedFor(Reason.NONCE, present(credential, Map.of("nonce", "n-other")));
        assertRefusedFor(Reason.NONCE, present(credential, Map.of()), new PresentationVerifier.Expected("n-other", AUDIENCE, List.of()));
        verifier().verify(present(credential, Map.of()), EXPECTED, NOW);
        assertRefusedFor(Reason.NONCE, present(credential, Map.of()));
    }

    @Test
    void aWrongAudienceIsRefused() throws Exception {
        assertRefusedFor(Reason.AUDIENCE, present(credential(), Map.of("aud", "https://another.example")));
    }

    @Test
    void anIatTooOldOrInTheFutureIsRefused() throws Exception {
        assertRefusedFor(Reason.ISSUED_AT, present(credential(), Map.of("iat", NOW.minusSeconds(600).getEpochSecond())));
        liveNonces.add("n-1");
        assertRefusedFor(Reason.ISSUED_AT, present(credential(), Map.of("iat", NOW.plusSeconds(600).getEpochSecond())));
    }

    @Test
    void anSdHashOverOtherDisclosuresIsRefused() throws Exception {
        String credential = credential();
        String[] pieces = credential.split("~");
        String signedOver = pieces[0] + "~" + pieces[1] + "~";
        String kb = keyBinding(signedOver, Map.of(), holder, "kb+jwt");
        assertRefusedFor(Reason.SD_HASH, pieces[0] + "~" + pieces[1] + "~" + pieces[2] + "~" + kb);
        liveNonces.add("n-1");
        assertRefusedFor(Reason.SD_HASH, pieces[0] + "~" + kb);
        liveNonces.add("n-1");
        String reordered = pieces[0] + "~" + pieces[2] + "~" + pieces[1] + "~";
        assertRefusedFor(Reason.SD_HASH, reordered + keyBinding(pieces[0] + "~" + pieces[1] + "~" + pieces[2] + "~", Map.of(), holder, "kb+jwt"));
    }

    @Test
    void transactionDataHashesMissingOrNotMatchingAreRefused() throws Exception {
        String credential = credential();
        PresentationVerifier.Expected payment = new PresentationVerifier.Expected("n-1", AUDIENCE, List.of("eyJ0eXBlIjoicGF5bWVudCJ9"));
        assertRefusedFor(Reason.TRANSACTION_DATA, present(credential, Map.of()), payment);
        liveNonces.add("n-1");
        assertRefusedFor(Reason.TRANSACTION_DATA, present(credential, Map.of("transaction_data_hashes", List.of("other"))), payment);
        liveNonces.add("n-1");
        assertRefusedFor(Reason.TRANSACTION_DATA, present(credential, Map.of("transaction_data_hashes",
                List.of(PresentationVerifier.digest("eyJ0eXBlIjoicGF5bWVudCJ9")), "transaction_data_hashes_alg", "sha-512")), payment);
        liveNonces.add("n-1");
        verifier().verify(present(credential, Map.of("transaction_data_hashes", List.of(PresentationVerifier.digest("eyJ0eXBlIjoicGF5bWVudCJ9")))),
                payment, NOW);
    }

    @Test
    void everyReasonIsAssertedByThisTest() throws Exception {
        String self = new String(PresentationVerifierTest.class.getResourceAsStream("PresentationVerifierTest.class").readAllBytes(),
                StandardCharsets.ISO_8859_1);
        for (Reason reason : Reason.values()) {
            assertTrue(self.contains(reason.name()), reason + " has no test");
        }
    }
}
