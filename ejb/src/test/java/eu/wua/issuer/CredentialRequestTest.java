package eu.wua.issuer;

import static eu.wua.issuer.IssuerFixture.assertRefusedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import eu.wua.issuer.IssuanceRejection.Reason;

/** The credential request as read from its JSON body, one sentence and one reason each. */
class CredentialRequestTest {

    private static final CredentialConfiguration BATCH_OF_TWO = new CredentialConfiguration("pid", "dc+sd-jwt", "urn:eudi:pid:1", 2,
            "once", "iso_18045_high", IssuerFixture.NOW);

    private static JsonObject json(String text) {
        return eu.wua.platform.JsonFactory.JSON.createReader(new StringReader(text)).readObject();
    }

    private static void assertRefused(Reason reason, String body) {
        assertRefusedFor(reason, () -> CredentialRequest.parse(json(body)));
    }

    @Test
    void aRequestNamesItsConfigurationAndTheProofsOfOneType() throws Exception {
        CredentialRequest request = CredentialRequest.parse(json("{\"credential_configuration_id\": \"pid\", \"proofs\": {\"attestation\": [\"ka\"]}}"));
        assertEquals("pid", request.credentialConfigurationId());
        assertEquals(CredentialRequest.ProofType.ATTESTATION, request.proofType());
        assertEquals("ka", request.requireOneProof(BATCH_OF_TWO));
    }

    @Test
    void neitherOrBothOfConfigurationAndIdentifierOrANonStringConfigurationIsMalformed() {
        assertRefused(Reason.CREDENTIAL_REQUEST_MALFORMED, "{\"proofs\": {\"jwt\": [\"p\"]}}");
        assertRefused(Reason.CREDENTIAL_REQUEST_MALFORMED, "{\"credential_configuration_id\": \"pid\", \"credential_identifier\": \"x\"}");
        assertRefused(Reason.CREDENTIAL_REQUEST_MALFORMED, "{\"credential_configuration_id\": 7, \"proofs\": {\"jwt\": [\"p\"]}}");
    }

    @Test
    void aCredentialIdentifierIsReadAsSuch() throws Exception {
        CredentialRequest request = CredentialRequest.parse(json("{\"credential_identifier\": \"pid\", \"proofs\": {\"jwt\": [\"p\"]}}"));
        assertEquals("pid", request.credentialConfigurationId());
        assertTrue(request.byIdentifier());
        assertRefused(Reason.CREDENTIAL_REQUEST_MALFORMED, "{\"credential_identifier\": 7, \"proofs\": {\"jwt\": [\"p\"]}}");
    }

    @Test
    void askingForAnEncryptedResponseIsRefusedAsUnsupported() {
        assertRefused(Reason.ENCRYPTION_UNSUPPORTED, "{\"credential_configuration_id\": \"pid\", \"proofs\": {\"jwt\": [\"p\"]},"
                + " \"credential_response_encryption\": {\"enc\": \"A256GCM\"}}");
    }

    @Test
    void withoutProofsOrWithTheSingularProofTheProofsAreMissing() {
        assertRefused(Reason.PROOFS_MISSING, "{\"credential_configuration_id\": \"pid\"}");
        assertRefused(Reason.PROOFS_MISSING, "{\"credential_configuration_id\": \"pid\", \"proof\": {\"proof_type\": \"jwt\", \"jwt\": \"p\"}}");
    }

    @Test
    void proofsOfTwoTypesOfAnUnknownTypeOrNotAnArrayOfStringsHaveTheWrongShape() {
        assertRefused(Reason.PROOFS_SHAPE, "{\"credential_configuration_id\": \"pid\", \"proofs\": {\"jwt\": [\"p\"], \"attestation\": [\"k\"]}}");
        assertRefused(Reason.PROOFS_SHAPE, "{\"credential_configuration_id\": \"pid\", \"proofs\": {\"di_vp\": [\"p\"]}}");
        assertRefused(Reason.PROOFS_SHAPE, "{\"credential_configuration_id\": \"pid\", \"proofs\": {\"jwt\": \"p\"}}");
        assertRefused(Reason.PROOFS_SHAPE, "{\"credential_configuration_id\": \"pid\", \"proofs\": {\"jwt\": []}}");
        assertRefused(Reason.PROOFS_SHAPE, "{\"credential_configuration_id\": \"pid\", \"proofs\": {\"jwt\": [\"p\", 7]}}");
        assertRefused(Reason.PROOFS_SHAPE, "{\"credential_configuration_id\": \"pid\", \"proofs\": [\"p\"]}");
    }

    @Test
    void moreProofsThanTheBatchSizeHaveTheWrongShapeAndTwoWithinItAreMoreThanOne() throws Exception {
        CredentialRequest three = CredentialRequest.parse(json("{\"credential_configuration_id\": \"pid\", \"proofs\": {\"jwt\": [\"a\", \"b\", \"c\"]}}"));
        assertRefusedFor(Reason.PROOFS_SHAPE, () -> three.requireOneProof(BATCH_OF_TWO));
        CredentialRequest two = CredentialRequest.parse(json("{\"credential_configuration_id\": \"pid\", \"proofs\": {\"jwt\": [\"a\", \"b\"]}}"));
        assertRefusedFor(Reason.PROOFS_MORE_THAN_ONE, () -> two.requireOneProof(BATCH_OF_TWO));
    }
}
