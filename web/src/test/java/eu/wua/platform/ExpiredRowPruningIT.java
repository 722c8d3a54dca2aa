package eu.wua.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.json.Json;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.audit.RecordedRejections;
import eu.wua.wallet.PlatformRefusal;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletProviderClient;
import eu.wua.walletprovider.WalletProviderRejection.Reason;

/**
 * The pruning of single-use rows (issue #21), run inside the platform by a probe: rows past their
 * family's cutoff go, in chunks, and the rows a check still needs stay; a family is pruned once per
 * interval; a proof whose nonce was pruned is still refused, with the nonce's reason.
 */
@ExtendWith(ArquillianExtension.class)
class ExpiredRowPruningIT {

    private static final String BASE = "http://localhost:" + System.getProperty("it.port", "8887");
    private static final URI PLATFORM = URI.create(BASE);
    private static final String PIN = "975310";

    @Deployment
    static WebArchive platformWithAProbe() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")))
                .addClasses(PruningProbe.class, RecordedRejections.class).addPackage(ReferenceWallet.class.getPackage());
    }

    @Inject
    PruningProbe probe;

    private static WalletProviderClient walletProvider() {
        return new WalletProviderClient(PLATFORM, BASE + "/wallet-provider");
    }

    @Test
    void deletesTheRowsNoCheckNeedsInChunksAndKeepsTheRest() throws Exception {
        ReferenceWallet wallet = ReferenceWallet.register(walletProvider(), PIN);
        String marker = UUID.randomUUID().toString();
        probe.writeRowsAround(wallet.instanceId(), marker);
        String expiredGone = "0 expired, " + PruningProbe.LIVE + " live";
        String noneYet = PruningProbe.EXPIRED + " expired, " + PruningProbe.LIVE + " live";
        probe.left(marker).forEach((family, left) -> assertEquals(noneYet, left, family));

        probe.makeEveryTurnDue();
        Map<String, Integer> deleted = probe.pruneDue();

        assertEquals(probe.left(marker).keySet(), deleted.keySet(), "every family was pruned: " + deleted);
        probe.left(marker).forEach((family, left) -> assertEquals(expiredGone, left, family));
        deleted.forEach((family, count) -> assertTrue(count >= PruningProbe.EXPIRED, family + ": " + count));
        // the interval has not passed: no family's turn is due, on this node or another
        assertEquals(Map.of(), probe.pruneDue());
    }

    @Test
    void aProofWhoseNonceWasPrunedIsStillRefusedForItsNonce() throws Exception {
        ReferenceWallet wallet = ReferenceWallet.register(walletProvider(), PIN);
        String proof = wallet.instanceProof();
        assertFalse(walletProvider().walletInstanceAttestation(wallet.instanceId(), proof).isBlank());
        String nonce = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(proof.split("\\.")[1]),
                StandardCharsets.UTF_8))).readObject().getString("nonce");
        probe.expireWalletProviderNonce(nonce);
        probe.makeEveryTurnDue();
        probe.pruneDue();
        assertFalse(probe.walletProviderNonceExists(nonce));

        Instant sentAt = Instant.now();
        PlatformRefusal replay = assertThrows(PlatformRefusal.class,
                () -> walletProvider().walletInstanceAttestation(wallet.instanceId(), proof));
        assertEquals(401, replay.status());
        assertEquals("invalid_proof", replay.error());
        assertEquals(Reason.PROOF_NONCE_UNKNOWN_USED_OR_EXPIRED.name(), RecordedRejections.newestReason(PLATFORM, sentAt));
    }
}
