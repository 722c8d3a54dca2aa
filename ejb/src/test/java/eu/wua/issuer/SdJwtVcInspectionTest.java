package eu.wua.issuer;

import static eu.wua.issuer.IssuerFixture.NOW;
import static eu.wua.issuer.IssuerFixture.assertRefusedFor;
import static eu.wua.issuer.IssuerFixture.header;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.SdJwtVc;

/** The inspector's relying-party checks of one of our own SD-JWT VCs, one sentence and one reason each. */
class SdJwtVcInspectionTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final KeyPair issuerKey = TestWalletProvider.key();
    private final String disclosure = B64.encodeToString("[\"salt\", \"given_name\", \"Jeanne\"]".getBytes(StandardCharsets.UTF_8));

    SdJwtVcInspectionTest() throws Exception {
    }

    private String credential(String typ, long exp, String... digests) throws Exception {
        return TestWalletProvider.jws(header(typ, "ES256"), Map.of("iss", IssuerFixture.ISSUER, "_sd", List.of(digests), "exp", exp),
                issuerKey.getPrivate());
    }

    private static String digest(String disclosure) throws Exception {
        return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(disclosure.getBytes(StandardCharsets.US_ASCII)));
    }

    private void check(String... pieces) throws IssuanceRejection {
        AttestationInspector.checkSdJwtVc(pieces, issuerKey.getPublic(), NOW, Checks.forInspection(null));
    }

    private long tomorrow() {
        return NOW.plus(Duration.ofDays(1)).getEpochSecond();
    }

    @Test
    void aCredentialOfOursWithItsDisclosuresPasses() throws Exception {
        check(credential(SdJwtVc.TYPE, tomorrow(), digest(disclosure)), disclosure, "");
    }

    @Test
    void anIssuerSignedPartThatIsNoJwtIsMalformed() {
        assertRefusedFor(Reason.SD_JWT_VC_MALFORMED, () -> check("not-a-jwt", disclosure, ""));
    }

    @Test
    void anotherTypIsRefusedForItsType() throws Exception {
        String jwt = credential("vc+sd-jwt-wrong", tomorrow(), digest(disclosure));
        assertRefusedFor(Reason.SD_JWT_VC_TYPE, () -> check(jwt, disclosure, ""));
    }

    @Test
    void aCredentialSignedByAnotherKeyIsRefusedForItsSignature() throws Exception {
        String jwt = TestWalletProvider.jws(header(SdJwtVc.TYPE, "ES256"), Map.of("exp", tomorrow()), TestWalletProvider.key().getPrivate());
        assertRefusedFor(Reason.SD_JWT_VC_SIGNATURE, () -> check(jwt, ""));
    }

    @Test
    void aDisclosureNoDigestReferencesIsRefused() throws Exception {
        String jwt = credential(SdJwtVc.TYPE, tomorrow(), digest(disclosure));
        String smuggled = B64.encodeToString("[\"salt\", \"family_name\", \"Other\"]".getBytes(StandardCharsets.UTF_8));
        assertRefusedFor(Reason.SD_JWT_VC_DISCLOSURE, () -> check(jwt, disclosure, smuggled, ""));
    }

    @Test
    void anExpiredCredentialIsRefusedAsExpired() throws Exception {
        String jwt = credential(SdJwtVc.TYPE, NOW.minusSeconds(1).getEpochSecond(), digest(disclosure));
        assertRefusedFor(Reason.SD_JWT_VC_EXPIRED, () -> check(jwt, disclosure, ""));
    }
}
