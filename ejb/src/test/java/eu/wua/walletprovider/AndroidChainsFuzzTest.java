package eu.wua.walletprovider;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fuzz suite over Android key attestation chains (issue #18): a chain whose DER bytes are
 * changed anywhere is refused when the certificates are read (as registration does) or by the
 * verifier with a reason; nothing else escapes, within a few seconds.
 */
class AndroidChainsFuzzTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final AndroidAttestationChains device = new AndroidAttestationChains(NOW);
    private final AndroidKeyAttestationVerifier verifier = new AndroidKeyAttestationVerifier(List.of(device.root));
    private final KeyPair instanceKey = AndroidAttestationChains.newKey();
    private final List<byte[]> chain = new ArrayList<>();

    AndroidChainsFuzzTest() throws Exception {
        for (X509Certificate certificate : device.chain(instanceKey.getPublic(), "challenge",
                AndroidKeyAttestationVerifier.TRUSTED_ENVIRONMENT, AndroidKeyAttestationVerifier.TRUSTED_ENVIRONMENT)) {
            chain.add(certificate.getEncoded());
        }
    }

    @Property(tries = 300)
    void aChainWithChangedBytesIsRefusedWithAReason(@ForAll("flips") int[] flip) {
        List<byte[]> changed = new ArrayList<>();
        for (byte[] der : chain) {
            changed.add(der.clone());
        }
        byte[] target = changed.get(flip[0] % changed.size());
        target[flip[1] % target.length] ^= (byte) (flip[2] == 0 ? 1 : flip[2]);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            List<X509Certificate> certificates = new ArrayList<>();
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                for (byte[] der : changed) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                }
            } catch (CertificateException | IllegalArgumentException unreadable) {
                return; // registration answers INTEGRITY_MALFORMED
            }
            try {
                verifier.verify(certificates, instanceKey.getPublic(), NOW);
            } catch (WalletProviderRejection refused) {
                return;
            } catch (RuntimeException e) {
                fail("the Android attestation verifier let " + e + " escape");
            }
        });
    }

    @Provide
    Arbitrary<int[]> flips() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofSize(3)
                .map(values -> new int[] {values[0], values[1], values[2] % 256});
    }
}
