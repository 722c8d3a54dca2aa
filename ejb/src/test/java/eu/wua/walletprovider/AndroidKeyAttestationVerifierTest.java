package eu.wua.walletprovider;

import static eu.wua.walletprovider.AndroidKeyAttestationVerifier.SOFTWARE;
import static eu.wua.walletprovider.AndroidKeyAttestationVerifier.STRONG_BOX;
import static eu.wua.walletprovider.AndroidKeyAttestationVerifier.TRUSTED_ENVIRONMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.testing.JdkEcTripwire;
import eu.wua.walletprovider.AndroidKeyAttestationVerifier.AndroidKeyAttestation;
import eu.wua.walletprovider.WalletProviderRejection.Reason;

/** Every verification here runs with the JDK's own ECDSA verification tripped ({@link JdkEcTripwire}). */
@ExtendWith(JdkEcTripwire.class)
class AndroidKeyAttestationVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final AndroidAttestationChains device = new AndroidAttestationChains(NOW);
    private final AndroidKeyAttestationVerifier verifier = new AndroidKeyAttestationVerifier(List.of(device.root));
    private final KeyPair instanceKey = AndroidAttestationChains.newKey();

    AndroidKeyAttestationVerifierTest() throws Exception {
    }

    private Reason rejectionOf(AndroidKeyAttestationVerifier v, List<X509Certificate> chain) {
        return assertThrows(WalletProviderRejection.class, () -> v.verify(chain, instanceKey.getPublic(), NOW)).reason();
    }

    @Test
    void aTeeOrStrongBoxKeyAttestedByTheRootPassesAndHandsBackItsChallenge() throws Exception {
        AndroidKeyAttestation tee = verifier.verify(device.chain(instanceKey.getPublic(), "nonce-1", TRUSTED_ENVIRONMENT, TRUSTED_ENVIRONMENT),
                instanceKey.getPublic(), NOW);
        assertEquals("nonce-1", new String(tee.challenge(), StandardCharsets.UTF_8));
        assertEquals(TRUSTED_ENVIRONMENT, tee.securityLevel());

        AndroidKeyAttestation strongBox = verifier.verify(device.chain(instanceKey.getPublic(), "nonce-2", STRONG_BOX, STRONG_BOX),
                instanceKey.getPublic(), NOW);
        assertEquals(STRONG_BOX, strongBox.securityLevel());
    }

    @Test
    void aChainToAnotherRootIsUntrusted() throws Exception {
        AndroidAttestationChains otherDevice = new AndroidAttestationChains(NOW);
        assertEquals(Reason.INTEGRITY_CHAIN_UNTRUSTED,
                rejectionOf(verifier, otherDevice.chain(instanceKey.getPublic(), "n", TRUSTED_ENVIRONMENT, TRUSTED_ENVIRONMENT)));
    }

    @Test
    void aBrokenChainIsUntrusted() throws Exception {
        List<X509Certificate> chain = device.chain(instanceKey.getPublic(), "n", TRUSTED_ENVIRONMENT, TRUSTED_ENVIRONMENT);
        assertEquals(Reason.INTEGRITY_CHAIN_UNTRUSTED, rejectionOf(verifier, List.of(chain.get(0), chain.get(2))));
    }

    @Test
    void anExpiredChainIsUntrusted() throws Exception {
        List<X509Certificate> chain = device.chain(instanceKey.getPublic(), "n", TRUSTED_ENVIRONMENT, TRUSTED_ENVIRONMENT);
        assertEquals(Reason.INTEGRITY_CHAIN_UNTRUSTED, assertThrows(WalletProviderRejection.class,
                () -> verifier.verify(chain, instanceKey.getPublic(), NOW.plusSeconds(400L * 24 * 3600))).reason());
    }

    @Test
    void aSoftwareSecurityLevelIsRefused() throws Exception {
        assertEquals(Reason.INTEGRITY_SECURITY_LEVEL,
                rejectionOf(verifier, device.chain(instanceKey.getPublic(), "n", SOFTWARE, SOFTWARE)));
        assertEquals(Reason.INTEGRITY_SECURITY_LEVEL,
                rejectionOf(verifier, device.chain(instanceKey.getPublic(), "n", TRUSTED_ENVIRONMENT, SOFTWARE)));
    }

    @Test
    void anAttestedKeyOtherThanTheInstanceKeyIsRefused() throws Exception {
        assertEquals(Reason.INTEGRITY_KEY_MISMATCH, rejectionOf(verifier,
                device.chain(AndroidAttestationChains.newKey().getPublic(), "n", TRUSTED_ENVIRONMENT, TRUSTED_ENVIRONMENT)));
    }

    @Test
    void aLeafWithoutKeyDescriptionIsMalformed() throws Exception {
        assertEquals(Reason.INTEGRITY_MALFORMED, rejectionOf(verifier, device.chainWithoutKeyDescription(instanceKey.getPublic())));
        assertEquals(Reason.INTEGRITY_MALFORMED, rejectionOf(verifier, List.of()));
    }

    @Test
    void withoutConfiguredRootsNothingIsAccepted() throws Exception {
        assertEquals(Reason.INTEGRITY_NOT_ACCEPTED, rejectionOf(new AndroidKeyAttestationVerifier(List.of()),
                device.chain(instanceKey.getPublic(), "n", TRUSTED_ENVIRONMENT, TRUSTED_ENVIRONMENT)));
    }
}
