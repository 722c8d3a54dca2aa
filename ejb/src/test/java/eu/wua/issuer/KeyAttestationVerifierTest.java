package eu.wua.issuer;

import static eu.wua.issuer.IssuerFixture.NOW;
import static eu.wua.issuer.IssuerFixture.assertRefusedFor;
import static eu.wua.issuer.IssuerFixture.header;
import static eu.wua.issuer.IssuerFixture.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.EudiTs3;
import eu.wua.platform.OpenId4Vci;
import eu.wua.testing.JdkEcTripwire;

/** The Key Attestation checks in both profiles, one sentence and one reason each. */
@ExtendWith(JdkEcTripwire.class)
class KeyAttestationVerifierTest {

    private final IssuerFixture fixture = new IssuerFixture();
    private final KeyAttestationVerifier verifier = fixture.keyAttestations();
    private final CredentialConfiguration high = IssuerFixture.pid("iso_18045_high");

    KeyAttestationVerifierTest() throws Exception {
    }

    private void assertRefused(Reason reason, String keyAttestation) {
        assertRefusedFor(reason, () -> verifier.verify(keyAttestation, high, NOW));
    }

    private void assertClaimRefused(Reason reason, String name, Object value) throws Exception {
        assertRefused(reason, fixture.keyAttestation(IssuerFixture.changed(fixture.keyAttestationClaims(null), name, value)));
    }

    private Map<String, Object> ts3Claims() {
        Map<String, Object> claims = fixture.keyAttestationClaims(null);
        claims.remove("status");
        claims.put("certification", "https://certification.example/hsm");
        claims.put("key_storage_status", Map.of("status", IssuerFixture.statusReference(2), "exp", NOW.plus(Duration.ofDays(40)).getEpochSecond()));
        return claims;
    }

    @Test
    void anOpenId4VciKeyAttestationFromATrustedProviderGivesItsKeys() throws Exception {
        VerifiedKeyAttestation ka = verifier.verify(fixture.keyAttestation(fixture.keyAttestationClaims("n-1")), high, NOW);
        assertEquals(3, ka.attestedKeys().size());
        assertEquals(IssuerFixture.WALLET_PROVIDER, ka.walletProviderId());
        assertFalse(ka.ts3Profile());
        assertEquals("n-1", ka.nonce().orElseThrow());
    }

    @Test
    void aTs3KeyAttestationIsReadWithItsKeyStorageStatus() throws Exception {
        VerifiedKeyAttestation ka = verifier.verify(fixture.provider.sign(EudiTs3.KEY_ATTESTATION_TYPE, ts3Claims()), high, NOW);
        assertTrue(ka.ts3Profile());
        assertEquals(NOW.plus(Duration.ofDays(40)), ka.statusMaintainedUntil());
    }

    @Test
    void aKeyAttestationThatIsNotOneCompactJwtIsMalformed() {
        assertRefused(Reason.KEY_ATTESTATION_MALFORMED, null);
        assertRefused(Reason.KEY_ATTESTATION_MALFORMED, "a.b");
        assertRefused(Reason.KEY_ATTESTATION_MALFORMED, "e30." + "x".repeat(KeyAttestationVerifier.MAX_LENGTH) + ".x");
    }

    @Test
    void aKeyAttestationOfATypNotAcceptedIsRefusedForItsType() throws Exception {
        assertRefused(Reason.KEY_ATTESTATION_TYPE, fixture.provider.sign("wallet-attestation+jwt", fixture.keyAttestationClaims(null)));
        String ts3 = fixture.provider.sign(EudiTs3.KEY_ATTESTATION_TYPE, ts3Claims());
        assertRefusedFor(Reason.KEY_ATTESTATION_TYPE, () -> verifier.verify(fixture.keyAttestation(fixture.keyAttestationClaims(null)), high,
                NOW, Checks.forInspection(AttestationInspector.STRICT_KEY_ATTESTATION_TYPES)));
        verifier.verify(ts3, high, NOW, Checks.forInspection(AttestationInspector.STRICT_KEY_ATTESTATION_TYPES));
    }

    /** Found by the fuzz suite: a header without alg gave a NullPointerException (an immutable set's contains(null)). */
    @Test
    void aKeyAttestationWithoutAlgIsRefusedForItsAlgorithm() throws Exception {
        java.util.Map<String, Object> noAlg = header(OpenId4Vci.KEY_ATTESTATION_TYPE, "ES256");
        noAlg.remove("alg");
        assertRefused(Reason.KEY_ATTESTATION_ALGORITHM, withHeader(fixture.keyAttestation(fixture.keyAttestationClaims(null)), noAlg));
    }

    @Test
    void aKeyAttestationWithAlgNoneIsRefusedForItsAlgorithm() throws Exception {
        assertRefused(Reason.KEY_ATTESTATION_ALGORITHM, withHeader(fixture.keyAttestation(fixture.keyAttestationClaims(null)),
                header(OpenId4Vci.KEY_ATTESTATION_TYPE, "none")));
    }

    @Test
    void aKeyAttestationFromAnUntrustedCaIsRefusedForItsChain() throws Exception {
        assertRefused(Reason.KEY_ATTESTATION_CHAIN, fixture.untrusted.sign(OpenId4Vci.KEY_ATTESTATION_TYPE, fixture.keyAttestationClaims(null)));
    }

    @Test
    void aKeyAttestationFromAWithdrawnProviderIsRefusedAsWithdrawn() throws Exception {
        fixture.trustList.withdraw(IssuerFixture.WALLET_PROVIDER);
        assertRefused(Reason.WALLET_PROVIDER_WITHDRAWN, fixture.keyAttestation(fixture.keyAttestationClaims(null)));
    }

    @Test
    void aKeyAttestationWhoseSignatureDoesNotVerifyIsRefusedForItsSignature() throws Exception {
        String ka = fixture.keyAttestation(fixture.keyAttestationClaims(null));
        String other = fixture.keyAttestation(Map.of("iat", 1));
        assertRefused(Reason.KEY_ATTESTATION_SIGNATURE, ka.substring(0, ka.lastIndexOf('.')) + other.substring(other.lastIndexOf('.')));
    }

    @Test
    void aKeyAttestationWithoutItsClaimsIsRefusedForItsClaims() throws Exception {
        assertRefused(Reason.KEY_ATTESTATION_CLAIMS, fixture.provider.signRaw(OpenId4Vci.KEY_ATTESTATION_TYPE, "[]"));
        assertClaimRefused(Reason.KEY_ATTESTATION_CLAIMS, "iat", null);
        assertClaimRefused(Reason.KEY_ATTESTATION_CLAIMS, "exp", null);
        assertClaimRefused(Reason.KEY_ATTESTATION_CLAIMS, "attested_keys", null);
        assertClaimRefused(Reason.KEY_ATTESTATION_CLAIMS, "attested_keys", List.of());
        assertClaimRefused(Reason.KEY_ATTESTATION_CLAIMS, "attested_keys", List.of("not a jwk"));
        assertClaimRefused(Reason.KEY_ATTESTATION_CLAIMS, "attested_keys", List.of(Map.of("kty", "oct", "k", "AAAA")));
        assertClaimRefused(Reason.KEY_ATTESTATION_CLAIMS, "attested_keys", List.of(Map.of("kty", "EC", "crv", "P-256", "d", "secret")));
        assertClaimRefused(Reason.KEY_ATTESTATION_CLAIMS, "status", Map.of("status_list", Map.of("idx", -1, "uri", IssuerFixture.STATUS_LIST)));
    }

    @Test
    void aTs3KeyAttestationWithoutCertificationOrKeyStorageStatusIsRefusedForItsClaims() throws Exception {
        Map<String, Object> noCertification = ts3Claims();
        noCertification.remove("certification");
        assertRefused(Reason.KEY_ATTESTATION_CLAIMS, fixture.provider.sign(EudiTs3.KEY_ATTESTATION_TYPE, noCertification));
        Map<String, Object> noStatus = ts3Claims();
        noStatus.remove("key_storage_status");
        assertRefused(Reason.KEY_ATTESTATION_CLAIMS, fixture.provider.sign(EudiTs3.KEY_ATTESTATION_TYPE, noStatus));
    }

    @Test
    void anExpiredKeyAttestationIsRefusedAsExpired() throws Exception {
        assertClaimRefused(Reason.KEY_ATTESTATION_EXPIRED, "exp", NOW.minus(Duration.ofMinutes(2)).getEpochSecond());
    }

    @Test
    void aKeyStorageOrUserAuthenticationBelowTheConfigurationsPolicyIsRefused() throws Exception {
        assertClaimRefused(Reason.KEY_ATTESTATION_KEY_STORAGE, "key_storage", List.of("iso_18045_moderate"));
        assertClaimRefused(Reason.KEY_ATTESTATION_KEY_STORAGE, "user_authentication", List.of("iso_18045_basic"));
        assertClaimRefused(Reason.KEY_ATTESTATION_KEY_STORAGE, "key_storage", null);
        Map<String, Object> moderate = fixture.keyAttestationClaims(null);
        moderate.put("key_storage", List.of("iso_18045_moderate"));
        verifier.verify(fixture.keyAttestation(moderate), IssuerFixture.pid("iso_18045_moderate"), NOW);
    }

    @Test
    void aRevokedKeyAttestationIsRefusedAsRevoked() throws Exception {
        assertClaimRefused(Reason.KEY_ATTESTATION_REVOKED, "status", IssuerFixture.statusReference(IssuerFixture.REVOKED_INDEX));
    }

    @Test
    void aKeyAttestationWhoseStatusCannotBeReadIsRefusedAsStatusUnknown() throws Exception {
        assertClaimRefused(Reason.KEY_ATTESTATION_STATUS_UNKNOWN, "status",
                Map.of("status_list", Map.of("idx", 1, "uri", "https://elsewhere.example/status/1")));
        assertClaimRefused(Reason.KEY_ATTESTATION_STATUS_UNKNOWN, "status",
                Map.of("status_list", Map.of("idx", EncodedStatusLists.SIZE * 8, "uri", IssuerFixture.STATUS_LIST)));
    }

    @Test
    void aKeyAttestationSpeltAnotherWayIsMalformedNotANewOne() throws Exception {
        String ka = fixture.keyAttestation(fixture.keyAttestationClaims(null));
        String signature = ka.substring(ka.lastIndexOf('.') + 1);
        String signed = ka.substring(0, ka.lastIndexOf('.') + 1);
        char last = signature.charAt(signature.length() - 1);
        // 64 bytes are 86 characters: the last carries 2 bits and 4 unused ones, which a lenient decoder ignores
        char otherUnusedBits = "AQgw".indexOf(last) >= 0 ? (char) (last + 1) : (char) (last - 1);
        for (String variant : List.of(signed + signature + "==", signed + signature.substring(0, 10) + "!" + signature.substring(10),
                signed + signature + "\n", signed + signature.substring(0, signature.length() - 1) + otherUnusedBits)) {
            assertRefused(Reason.KEY_ATTESTATION_MALFORMED, variant);
        }
    }

    @Test
    void anAttestedKeyOffTheCurveIsRefusedForItsClaims() throws Exception {
        Map<String, Object> offCurve = new java.util.HashMap<>(IssuerFixture.jwk(fixture.walletKeys.get(0)));
        offCurve.put("y", offCurve.get("x"));
        assertClaimRefused(Reason.KEY_ATTESTATION_CLAIMS, "attested_keys", List.of(offCurve));
    }

    @Test
    void aKeyAttestationIssuedAYearAheadOrExpiringInTheFarFutureIsRefusedForItsClaims() throws Exception {
        assertClaimRefused(Reason.KEY_ATTESTATION_CLAIMS, "iat", NOW.plus(Duration.ofDays(365)).getEpochSecond());
        assertClaimRefused(Reason.KEY_ATTESTATION_CLAIMS, "exp", 9_000_000_000_000_000_000L);
    }
}
