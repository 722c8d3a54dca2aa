package eu.wua.issuer;

import static eu.wua.issuer.IssuerFixture.NOW;
import static eu.wua.issuer.IssuerFixture.assertRefusedFor;
import static eu.wua.issuer.IssuerFixture.header;
import static eu.wua.issuer.IssuerFixture.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.OpenId4Vci;
import eu.wua.testing.JdkEcTripwire;

/** The {@code jwt} and {@code attestation} proofs of the credential endpoint, one sentence and one reason each. */
@ExtendWith(JdkEcTripwire.class)
class CredentialProofsTest {

    private final IssuerFixture fixture = new IssuerFixture();
    private final CredentialProofs proofs = fixture.proofs();
    private final CredentialConfiguration pid = IssuerFixture.pid("iso_18045_high");

    CredentialProofsTest() throws Exception {
    }

    private String keyAttestation() throws Exception {
        return fixture.keyAttestation(fixture.keyAttestationClaims(null));
    }

    private void assertRefused(Reason reason, String proof) {
        assertRefusedFor(reason, () -> proofs.verifyJwtProof(proof, pid, NOW));
    }

    private void assertClaimRefused(Reason reason, String name, Object value) throws Exception {
        assertRefused(reason, fixture.proof(keyAttestation(), IssuerFixture.changed(fixture.proofClaims(fixture.liveNonce()), name, value)));
    }

    private String proofWithHeader(Map<String, Object> header) throws Exception {
        return TestWalletProvider.jws(header, fixture.proofClaims(fixture.liveNonce()), fixture.walletKeys.get(0).getPrivate());
    }

    @Test
    void aJwtProofByAnAttestedKeyWithALiveNonceUsesTheNonceAndTheKeyAttestation() throws Exception {
        String nonce = fixture.liveNonce();
        String ka = keyAttestation();
        VerifiedKeyAttestation verified = proofs.verifyJwtProof(fixture.proof(ka, fixture.proofClaims(nonce)), pid, NOW);
        assertEquals(3, verified.attestedKeys().size());
        assertFalse(fixture.singleUse.isLiveCNonce(nonce, NOW));
        assertTrue(fixture.singleUse.isKeyAttestationUsed(verified.hash()));
    }

    @Test
    void anInspectionUsesUpNeitherTheNonceNorTheKeyAttestation() throws Exception {
        String nonce = fixture.liveNonce();
        String proof = fixture.proof(keyAttestation(), fixture.proofClaims(nonce));
        proofs.verifyJwtProof(proof, pid, NOW, Checks.forInspection(null));
        assertTrue(fixture.singleUse.isLiveCNonce(nonce, NOW));
        proofs.verifyJwtProof(proof, pid, NOW);
    }

    @Test
    void aProofThatIsNotOneCompactJwtIsMalformed() {
        assertRefused(Reason.PROOF_MALFORMED, "not-a-proof");
        assertRefused(Reason.PROOF_MALFORMED, "e30.e30.e30.e30");
    }

    @Test
    void aProofWithAPrivateKeyInItsHeaderOrAJwkThatIsNoKeyIsMalformed() throws Exception {
        Map<String, Object> privateKey = header(OpenId4Vci.PROOF_TYPE, "ES256");
        privateKey.put("key_attestation", keyAttestation());
        privateKey.put("jwk", Map.of("kty", "EC", "crv", "P-256", "x", "AA", "y", "AA", "d", "secret"));
        assertRefused(Reason.PROOF_MALFORMED, proofWithHeader(privateKey));
        Map<String, Object> noKey = header(OpenId4Vci.PROOF_TYPE, "ES256");
        noKey.put("key_attestation", keyAttestation());
        noKey.put("jwk", Map.of("kty", "nonsense"));
        assertRefused(Reason.PROOF_MALFORMED, proofWithHeader(noKey));
    }

    @Test
    void aProofOfAnotherTypIsRefusedForItsType() throws Exception {
        Map<String, Object> jwt = header("JWT", "ES256");
        jwt.put("key_attestation", keyAttestation());
        assertRefused(Reason.PROOF_TYPE, proofWithHeader(jwt));
    }

    @Test
    void aProofNotSignedWithEs256IsRefusedForItsAlgorithm() throws Exception {
        String proof = fixture.proof(keyAttestation(), fixture.proofClaims(fixture.liveNonce()));
        Map<String, Object> none = header(OpenId4Vci.PROOF_TYPE, "none");
        none.put("key_attestation", keyAttestation());
        assertRefused(Reason.PROOF_ALGORITHM, withHeader(proof, none));
        Map<String, Object> es384 = header(OpenId4Vci.PROOF_TYPE, "ES384");
        es384.put("key_attestation", keyAttestation());
        assertRefused(Reason.PROOF_ALGORITHM, withHeader(proof, es384));
    }

    @Test
    void aProofWithoutAKeyAttestationIsRefusedForTheMissingKeyAttestation() throws Exception {
        assertRefused(Reason.PROOF_KEY_ATTESTATION_MISSING, proofWithHeader(header(OpenId4Vci.PROOF_TYPE, "ES256")));
    }

    @Test
    void aProofNamingAKeyOutsideTheAttestationIsRefusedAsNotAttested() throws Exception {
        Map<String, Object> outsider = header(OpenId4Vci.PROOF_TYPE, "ES256");
        outsider.put("key_attestation", keyAttestation());
        outsider.put("jwk", IssuerFixture.jwk(TestWalletProvider.key()));
        assertRefused(Reason.PROOF_KEY_NOT_ATTESTED, proofWithHeader(outsider));
    }

    @Test
    void aProofSignedByAnotherKeyThanTheAttestedOneIsRefusedForItsSignature() throws Exception {
        Map<String, Object> header = header(OpenId4Vci.PROOF_TYPE, "ES256");
        header.put("key_attestation", keyAttestation());
        assertRefused(Reason.PROOF_SIGNATURE, TestWalletProvider.jws(header, fixture.proofClaims(fixture.liveNonce()),
                TestWalletProvider.key().getPrivate()));
    }

    @Test
    void aProofWhoseClaimsAreNotJsonIsRefusedForItsClaims() throws Exception {
        Map<String, Object> header = header(OpenId4Vci.PROOF_TYPE, "ES256");
        header.put("key_attestation", keyAttestation());
        assertRefused(Reason.PROOF_CLAIMS, TestWalletProvider.jwsRaw(header, "{\"aud\":", fixture.walletKeys.get(0).getPrivate()));
    }

    @Test
    void aProofForAnotherAudienceIsRefusedForItsAudience() throws Exception {
        assertClaimRefused(Reason.PROOF_AUDIENCE, "aud", "https://another-issuer.example");
        assertClaimRefused(Reason.PROOF_AUDIENCE, "aud", null);
    }

    @Test
    void aProofWithoutARecentIatIsRefusedForItsIssuedAt() throws Exception {
        assertClaimRefused(Reason.PROOF_ISSUED_AT, "iat", null);
        assertClaimRefused(Reason.PROOF_ISSUED_AT, "iat", NOW.plus(Duration.ofMinutes(2)).getEpochSecond());
        assertClaimRefused(Reason.PROOF_ISSUED_AT, "iat", NOW.minus(Duration.ofMinutes(6)).getEpochSecond());
    }

    @Test
    void aProofWithoutANonceIsRefusedForTheMissingNonce() throws Exception {
        assertClaimRefused(Reason.PROOF_NONCE_MISSING, "nonce", null);
        assertClaimRefused(Reason.PROOF_NONCE_MISSING, "nonce", "");
    }

    @Test
    void aProofWithANonceThatIsNotALiveCNonceIsRefusedAsInvalidNonce() throws Exception {
        assertClaimRefused(Reason.NONCE_INVALID, "nonce", "never-issued");
        assertClaimRefused(Reason.NONCE_INVALID, "nonce", "nonce\u0000");
        String expired = fixture.singleUse.issueNonce("expired", NOW.minusSeconds(1));
        assertClaimRefused(Reason.NONCE_INVALID, "nonce", expired);
    }

    @Test
    void aKeyAttestationCarryingAnotherNonceThatIsNotLiveIsRefusedForItsNonce() throws Exception {
        String ka = fixture.keyAttestation(fixture.keyAttestationClaims("stale-nonce"));
        assertRefused(Reason.KEY_ATTESTATION_NONCE, fixture.proof(ka, fixture.proofClaims(fixture.liveNonce())));
    }

    @Test
    void aKeyAttestationIsUsedForOneIssuanceOnly() throws Exception {
        String ka = keyAttestation();
        proofs.verifyJwtProof(fixture.proof(ka, fixture.proofClaims(fixture.liveNonce())), pid, NOW);
        assertRefused(Reason.KEY_ATTESTATION_REPLAYED, fixture.proof(ka, fixture.proofClaims(fixture.liveNonce())));
    }

    @Test
    void anAttestationProofNeedsItsKeyAttestationToCarryALiveCNonce() throws Exception {
        assertRefusedFor(Reason.PROOF_NONCE_MISSING, () -> proofs.verifyAttestationProof(keyAttestation(), pid, NOW));
        String withStale = fixture.keyAttestation(fixture.keyAttestationClaims("stale-nonce"));
        assertRefusedFor(Reason.KEY_ATTESTATION_NONCE, () -> proofs.verifyAttestationProof(withStale, pid, NOW));
        String nonce = fixture.liveNonce();
        String live = fixture.keyAttestation(fixture.keyAttestationClaims(nonce));
        proofs.verifyAttestationProof(live, pid, NOW);
        assertFalse(fixture.singleUse.isLiveCNonce(nonce, NOW));
        // sent again, its nonce is the first thing used up before
        assertRefusedFor(Reason.KEY_ATTESTATION_NONCE, () -> proofs.verifyAttestationProof(live, pid, NOW));
    }

    @Test
    void theEcdsaTwinOfAUsedKeyAttestationIsTheSameKeyAttestation() throws Exception {
        String ka = keyAttestation();
        proofs.verifyJwtProof(fixture.proof(ka, fixture.proofClaims(fixture.liveNonce())), pid, NOW);
        // (r, n - s) verifies as well as (r, s): the KA is the same object, its identity is its signed content
        byte[] signature = java.util.Base64.getUrlDecoder().decode(ka.substring(ka.lastIndexOf('.') + 1));
        java.math.BigInteger n = new java.math.BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
        java.math.BigInteger s = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
        byte[] twinS = n.subtract(s).toByteArray();
        byte[] twin = java.util.Arrays.copyOf(signature, 64);
        java.util.Arrays.fill(twin, 32, 64, (byte) 0);
        System.arraycopy(twinS, Math.max(0, twinS.length - 32), twin, 64 - Math.min(32, twinS.length), Math.min(32, twinS.length));
        String twinKa = ka.substring(0, ka.lastIndexOf('.') + 1) + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(twin);
        fixture.keyAttestations().verify(twinKa, pid, NOW);
        assertRefused(Reason.KEY_ATTESTATION_REPLAYED, fixture.proof(twinKa, fixture.proofClaims(fixture.liveNonce())));
    }
}
