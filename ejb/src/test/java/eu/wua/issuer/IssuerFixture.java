package eu.wua.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.function.Executable;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.EudiTs3;
import eu.wua.platform.OAuthClientAttestation;
import eu.wua.platform.OpenId4Vci;

/**
 * What the issuer's verifiers are built with in a unit test: a trusted Wallet Provider of the
 * test's own, its encoded status lists, the once-only rules in memory, settings, a pinned time,
 * and valid WIA, PoP, Key Attestation and proof claims for each test to break one rule of.
 */
final class IssuerFixture {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final String ISSUER = "https://issuer.example";
    static final String WALLET_PROVIDER = "wp-1";
    static final String STATUS_LIST = "https://wp.example/wallet-provider/status/ka-1";
    static final int REVOKED_INDEX = 7;

    final TestWalletProvider provider;
    final TestWalletProvider untrusted;
    final InMemoryTrustList trustList;
    final EncodedStatusLists statusLists = new EncodedStatusLists().publish(STATUS_LIST, WALLET_PROVIDER, REVOKED_INDEX);
    final InMemorySingleUse singleUse = new InMemorySingleUse();
    final VerificationSettings settings = new VerificationSettings(ISSUER, Duration.ofSeconds(60), Duration.ofMinutes(5),
            Duration.ofHours(24), List.of(OpenId4Vci.KEY_ATTESTATION_TYPE, EudiTs3.KEY_ATTESTATION_TYPE), true);
    final KeyPair instanceKey;
    final List<KeyPair> walletKeys = new ArrayList<>();

    IssuerFixture() throws Exception {
        provider = new TestWalletProvider("Trusted WP", NOW);
        untrusted = new TestWalletProvider("Untrusted WP", NOW);
        trustList = new InMemoryTrustList().trust(WALLET_PROVIDER, provider);
        instanceKey = TestWalletProvider.key();
        for (int i = 0; i < 3; i++) {
            walletKeys.add(TestWalletProvider.key());
        }
    }

    ClientAttestationVerifier clientAttestations() {
        return new ClientAttestationVerifier(trustList, statusLists, singleUse, settings);
    }

    KeyAttestationVerifier keyAttestations() {
        return new KeyAttestationVerifier(trustList, statusLists, settings);
    }

    CredentialProofs proofs() {
        return new CredentialProofs(keyAttestations(), singleUse, settings);
    }

    static CredentialConfiguration pid(String requiredKeyStorage) {
        return new CredentialConfiguration("eu.europa.ec.eudi.pid.1", "dc+sd-jwt", "urn:eudi:pid:1", 10, "once", requiredKeyStorage, NOW);
    }

    static Map<String, Object> jwk(KeyPair key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key.getPublic()).toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> statusReference(int index) {
        return Map.of("status_list", Map.of("idx", index, "uri", STATUS_LIST));
    }

    Map<String, Object> wiaClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "https://wallet.example/instance/1");
        claims.put("iat", NOW.minus(Duration.ofHours(1)).getEpochSecond());
        claims.put("exp", NOW.plus(Duration.ofHours(20)).getEpochSecond());
        claims.put("cnf", Map.of("jwk", jwk(instanceKey)));
        claims.put("client_status", Map.of("status", statusReference(1), "exp", NOW.plus(Duration.ofDays(30)).getEpochSecond()));
        return claims;
    }

    Map<String, Object> popClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://wallet.example/instance/1");
        claims.put("aud", ISSUER);
        claims.put("iat", NOW.getEpochSecond());
        claims.put("jti", "pop-" + System.nanoTime());
        return claims;
    }

    Map<String, Object> keyAttestationClaims(String nonce) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iat", NOW.minusSeconds(10).getEpochSecond());
        claims.put("exp", NOW.plus(Duration.ofDays(60)).getEpochSecond());
        claims.put("attested_keys", walletKeys.stream().map(IssuerFixture::jwk).toList());
        claims.put("key_storage", List.of("iso_18045_high"));
        claims.put("user_authentication", List.of("iso_18045_high"));
        claims.put("status", statusReference(2));
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        return claims;
    }

    Map<String, Object> proofClaims(String nonce) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", ISSUER);
        claims.put("iat", NOW.getEpochSecond());
        claims.put("nonce", nonce);
        return claims;
    }

    String wia(Map<String, Object> claims) throws Exception {
        return provider.sign(OAuthClientAttestation.ATTESTATION_TYPE, claims);
    }

    String pop(Map<String, Object> claims) throws Exception {
        return TestWalletProvider.jws(header(OAuthClientAttestation.POP_TYPE, "ES256"), claims, instanceKey.getPrivate());
    }

    String keyAttestation(Map<String, Object> claims) throws Exception {
        return provider.sign(OpenId4Vci.KEY_ATTESTATION_TYPE, claims);
    }

    /** A {@code jwt} proof signed by the first attested key, carrying {@code keyAttestation}. */
    String proof(String keyAttestation, Map<String, Object> claims) throws Exception {
        Map<String, Object> header = header(OpenId4Vci.PROOF_TYPE, "ES256");
        header.put("key_attestation", keyAttestation);
        return TestWalletProvider.jws(header, claims, walletKeys.get(0).getPrivate());
    }

    String liveNonce() {
        return singleUse.issueNonce("c-nonce-" + System.nanoTime(), NOW.plus(Duration.ofMinutes(5)));
    }

    static Map<String, Object> header(String typ, String alg) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", typ);
        header.put("alg", alg);
        return header;
    }

    /** The same token with its header replaced (the signature no longer matches, which the checks before it do not see). */
    static String withHeader(String compact, Map<String, Object> header) {
        String[] parts = compact.split("\\.", -1);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(org.jose4j.json.JsonUtil.toJson(header)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
    }

    /** The same token with its payload replaced by {@code payload}, as bytes. */
    static String withPayload(String compact, String payload) {
        String[] parts = compact.split("\\.", -1);
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** {@code claims} with {@code name} set to {@code value}, or removed when {@code value} is null. */
    static Map<String, Object> changed(Map<String, Object> claims, String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return claims;
    }

    static void assertRefusedFor(Reason expected, Executable verification) {
        IssuanceRejection rejection = assertThrows(IssuanceRejection.class, verification);
        assertEquals(expected, rejection.reason(), rejection.getMessage());
    }
}
