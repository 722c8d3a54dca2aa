package eu.wua.issuer;

import static eu.wua.issuer.IssuerFixture.NOW;
import static eu.wua.issuer.IssuerFixture.assertRefusedFor;
import static eu.wua.issuer.IssuerFixture.header;
import static eu.wua.issuer.IssuerFixture.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.OAuthClientAttestation;
import eu.wua.testing.JdkEcTripwire;

/** The client attestation (WIA + PoP) checks, one sentence and one reason each. */
@ExtendWith(JdkEcTripwire.class)
class ClientAttestationVerifierTest {

    private final IssuerFixture fixture = new IssuerFixture();
    private final ClientAttestationVerifier verifier = fixture.clientAttestations();

    ClientAttestationVerifierTest() throws Exception {
    }

    private void assertWiaRefusedFor(Reason reason, String wia) throws Exception {
        String pop = fixture.pop(fixture.popClaims());
        assertRefusedFor(reason, () -> verifier.verify(wia, pop, NOW));
    }

    private void assertPopRefusedFor(Reason reason, String pop) throws Exception {
        String wia = fixture.wia(fixture.wiaClaims());
        assertRefusedFor(reason, () -> verifier.verify(wia, pop, NOW));
    }

    private void assertWiaClaimsRefusedFor(Reason reason, String name, Object value) throws Exception {
        assertWiaRefusedFor(reason, fixture.wia(IssuerFixture.changed(fixture.wiaClaims(), name, value)));
    }

    private void assertPopClaimsRefusedFor(Reason reason, String name, Object value) throws Exception {
        assertPopRefusedFor(reason, fixture.pop(IssuerFixture.changed(fixture.popClaims(), name, value)));
    }

    @Test
    void aTrustedWiaWithItsPopAuthenticatesTheInstanceKey() throws Exception {
        ClientAttestationVerifier.AttestedClient client = verifier.verify(fixture.wia(fixture.wiaClaims()), fixture.pop(fixture.popClaims()), NOW);
        assertEquals(IssuerFixture.WALLET_PROVIDER, client.walletProviderId());
        assertEquals("https://wallet.example/instance/1", client.subject());
        assertEquals(IssuerFixture.STATUS_LIST, client.status().orElseThrow().uri());
        assertEquals(NOW.plus(Duration.ofDays(30)), client.statusMaintainedUntil());
    }

    @Test
    void anInspectionRunsEveryCheckAndUsesNoJti() throws Exception {
        String wia = fixture.wia(fixture.wiaClaims());
        String pop = fixture.pop(fixture.popClaims());
        Checks checks = Checks.forInspection(null);
        verifier.verify(wia, pop, NOW, checks);
        assertTrue(checks.all().stream().allMatch(check -> check.outcome() == Checks.Outcome.PASSED));
        verifier.verify(wia, pop, NOW);
    }

    @Test
    void aRequestWithoutAWiaIsRefusedAsMissing() throws Exception {
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_MISSING, null);
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_MISSING, " ");
    }

    @Test
    void aWiaThatIsNotOneCompactJwtIsMalformed() throws Exception {
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_MALFORMED, "not-a-jwt");
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_MALFORMED, "a.b.c.d");
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_MALFORMED, "x".repeat(ClientAttestationVerifier.MAX_LENGTH) + "..");
    }

    @Test
    void aWiaOfAnotherTypIsRefusedForItsType() throws Exception {
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_TYPE, fixture.provider.sign("JWT", fixture.wiaClaims()));
    }

    @Test
    void aWiaWithAlgNoneOrHmacIsRefusedForItsAlgorithm() throws Exception {
        String wia = fixture.wia(fixture.wiaClaims());
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_ALGORITHM, withHeader(wia, header(OAuthClientAttestation.ATTESTATION_TYPE, "none")));
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_ALGORITHM, TestWalletProvider.jws(header(OAuthClientAttestation.ATTESTATION_TYPE, "HS256"),
                fixture.wiaClaims(), new HmacKey(fixture.provider.signer.getPublicKey().getEncoded())));
    }

    @Test
    void aWiaFromAnUntrustedCaIsRefusedForItsChain() throws Exception {
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_CHAIN, fixture.untrusted.sign(OAuthClientAttestation.ATTESTATION_TYPE, fixture.wiaClaims()));
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_CHAIN, withHeader(fixture.wia(fixture.wiaClaims()),
                Map.of("typ", OAuthClientAttestation.ATTESTATION_TYPE, "alg", "ES256", "x5c", List.of("not base64!"))));
    }

    @Test
    void aWiaFromAWithdrawnProviderIsRefusedAsWithdrawn() throws Exception {
        fixture.trustList.withdraw(IssuerFixture.WALLET_PROVIDER);
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_PROVIDER_WITHDRAWN, fixture.wia(fixture.wiaClaims()));
    }

    @Test
    void aWiaWhoseSignatureDoesNotVerifyIsRefusedForItsSignature() throws Exception {
        String wia = fixture.wia(fixture.wiaClaims());
        String other = fixture.wia(Map.of("sub", "someone else"));
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_SIGNATURE, wia.substring(0, wia.lastIndexOf('.')) + other.substring(other.lastIndexOf('.')));
    }

    @Test
    void aWiaWhosePayloadIsNotJsonIsRefusedForItsClaims() throws Exception {
        // signed as it is, so that the signature check passes and the claims step decides
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, fixture.provider.signRaw(OAuthClientAttestation.ATTESTATION_TYPE, "[1, 2"));
    }

    @Test
    void aWiaWithoutSubOrCnfJwkOrWithAPrivateKeyIsRefusedForItsClaims() throws Exception {
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, "sub", null);
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, "cnf", null);
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, "cnf", Map.of("jwk", Map.of("kty", "EC", "d", "secret")));
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, "cnf", Map.of("jwk", Map.of("kty", "nonsense")));
        Map<String, Object> offCurve = new java.util.HashMap<>(IssuerFixture.jwk(fixture.instanceKey));
        offCurve.put("y", offCurve.get("x"));
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, "cnf", Map.of("jwk", offCurve));
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, "exp", null);
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, "exp", "tomorrow");
    }

    @Test
    void anExpiredWiaIsRefusedAsExpired() throws Exception {
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_EXPIRED, "exp", NOW.minus(Duration.ofMinutes(2)).getEpochSecond());
    }

    @Test
    void aWiaOlderThanTheMaximumAgeIsRefusedAsStale() throws Exception {
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_STALE, "iat", NOW.minus(Duration.ofHours(25)).getEpochSecond());
    }

    @Test
    void aWiaIssuedInTheFutureIsRefusedForItsClaims() throws Exception {
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, "iat", NOW.plus(Duration.ofHours(1)).getEpochSecond());
    }

    @Test
    void aWiaWithAMalformedStatusReferenceIsRefusedForItsClaims() throws Exception {
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, "client_status", Map.of("status", Map.of("status_list", "nowhere")));
    }

    @Test
    void aRevokedWiaIsRefusedAsRevoked() throws Exception {
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_REVOKED, "client_status",
                Map.of("status", IssuerFixture.statusReference(IssuerFixture.REVOKED_INDEX)));
    }

    @Test
    void theTokenHoldersAttestationIsNotAskedForItsStatusWhichTheTokenKeeps() throws Exception {
        String revoked = fixture.wia(IssuerFixture.changed(fixture.wiaClaims(), "client_status",
                Map.of("status", IssuerFixture.statusReference(IssuerFixture.REVOKED_INDEX))));
        ClientAttestationVerifier.AttestedClient holder = verifier.verifyTokenHolder(revoked, fixture.pop(fixture.popClaims()), NOW);
        assertEquals(IssuerFixture.WALLET_PROVIDER, holder.walletProviderId());
        String strangersPop = TestWalletProvider.jws(IssuerFixture.header(OAuthClientAttestation.POP_TYPE, "ES256"), fixture.popClaims(),
                TestWalletProvider.key().getPrivate());
        assertRefusedFor(Reason.POP_SIGNATURE, () -> verifier.verifyTokenHolder(revoked, strangersPop, NOW));
    }

    @Test
    void aWiaWhoseStatusListCannotBeReadIsRefusedAsStatusUnknown() throws Exception {
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_STATUS_UNKNOWN, "client_status",
                Map.of("status", Map.of("status_list", Map.of("idx", 1, "uri", "https://elsewhere.example/status/1"))));
    }

    @Test
    void aRequestWithoutAPopIsRefusedAsPopMissing() throws Exception {
        assertPopRefusedFor(Reason.POP_MISSING, null);
    }

    @Test
    void aPopThatIsNotOneCompactJwtIsRefusedAsPopMalformed() throws Exception {
        assertPopRefusedFor(Reason.POP_MALFORMED, "not.a");
        assertPopRefusedFor(Reason.POP_MALFORMED, "%%%.%%%.%%%");
    }

    @Test
    void aPopOfAnotherTypIsRefusedForItsType() throws Exception {
        assertPopRefusedFor(Reason.POP_TYPE, TestWalletProvider.jws(header("JWT", "ES256"), fixture.popClaims(),
                fixture.instanceKey.getPrivate()));
    }

    @Test
    void aPopWithAlgNoneIsRefusedForItsAlgorithmNotItsSignature() throws Exception {
        assertPopRefusedFor(Reason.POP_ALGORITHM, TestWalletProvider.jws(header(OAuthClientAttestation.POP_TYPE, "none"),
                fixture.popClaims(), null));
        assertPopRefusedFor(Reason.POP_ALGORITHM, TestWalletProvider.jws(header(OAuthClientAttestation.POP_TYPE, "HS256"),
                fixture.popClaims(), new HmacKey(new byte[32])));
    }

    @Test
    void aPopSignedByAnotherKeyIsRefusedForItsSignature() throws Exception {
        assertPopRefusedFor(Reason.POP_SIGNATURE, TestWalletProvider.jws(header(OAuthClientAttestation.POP_TYPE, "ES256"),
                fixture.popClaims(), TestWalletProvider.key().getPrivate()));
    }

    @Test
    void aPopWhoseClaimsAreNotJsonIsRefusedForItsClaimsNotItsIssuedAt() throws Exception {
        assertPopRefusedFor(Reason.POP_CLAIMS, TestWalletProvider.jwsRaw(header(OAuthClientAttestation.POP_TYPE, "ES256"), "not json",
                fixture.instanceKey.getPrivate()));
    }

    @Test
    void aPopForAnotherAudienceIsRefusedForItsAudience() throws Exception {
        assertPopClaimsRefusedFor(Reason.POP_AUDIENCE, "aud", "https://another-issuer.example");
        assertPopClaimsRefusedFor(Reason.POP_AUDIENCE, "aud", null);
    }

    @Test
    void aPopWithoutARecentIatIsRefusedForItsIssuedAt() throws Exception {
        assertPopClaimsRefusedFor(Reason.POP_ISSUED_AT, "iat", null);
        assertPopClaimsRefusedFor(Reason.POP_ISSUED_AT, "iat", NOW.minus(Duration.ofMinutes(6)).getEpochSecond());
        assertPopClaimsRefusedFor(Reason.POP_ISSUED_AT, "iat", NOW.plus(Duration.ofMinutes(2)).getEpochSecond());
        assertPopClaimsRefusedFor(Reason.POP_ISSUED_AT, "iat", "now");
    }

    @Test
    void aPopIssuedByAnotherClientThanTheWiaSubjectIsRefusedForItsIssuer() throws Exception {
        assertPopClaimsRefusedFor(Reason.POP_ISSUER, "iss", "https://wallet.example/instance/2");
    }

    @Test
    void aPopWithoutAJtiOrWithAUsedOneIsRefusedForItsJti() throws Exception {
        assertPopClaimsRefusedFor(Reason.POP_JTI, "jti", null);
        assertPopClaimsRefusedFor(Reason.POP_JTI, "jti", "j".repeat(ReceivedJwt.MAX_JTI_LENGTH + 1));
        String wia = fixture.wia(fixture.wiaClaims());
        String pop = fixture.pop(fixture.popClaims());
        verifier.verify(wia, pop, NOW);
        assertRefusedFor(Reason.POP_JTI, () -> verifier.verify(wia, pop, NOW));
    }

    @Test
    void timesOutsideAnyAttestationsLifeAreRefusedNotComputedWith() throws Exception {
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, "exp", 9_000_000_000_000_000_000L);
        assertWiaClaimsRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, "iat", -1);
        String iatBeyondDoubles = org.jose4j.json.JsonUtil.toJson(fixture.wiaClaims()).replaceFirst("\"iat\":\\d+", "\"iat\":1e400");
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, fixture.provider.signRaw(OAuthClientAttestation.ATTESTATION_TYPE, iatBeyondDoubles));
        assertPopClaimsRefusedFor(Reason.POP_ISSUED_AT, "iat", 9_000_000_000_000_000_000L);
    }

    @Test
    void aPopJtiWithAControlCharacterIsRefusedBeforeTheDatabaseSeesIt() throws Exception {
        assertPopClaimsRefusedFor(Reason.POP_JTI, "jti", "jti\u0000");
    }

    @Test
    void claimsNestedDeeperThanTheLimitAreRefused() throws Exception {
        assertWiaRefusedFor(Reason.CLIENT_ATTESTATION_CLAIMS, fixture.provider.signRaw(OAuthClientAttestation.ATTESTATION_TYPE,
                "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
    }
}
