package eu.wua.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.testing.Eventually;

/**
 * A cascade a node dies in the middle of is finished by another from where it stopped: the chunks
 * done stay done, none is done twice, the job's counts add up.
 */
@ExtendWith(ArquillianExtension.class)
class CascadeResumptionIT {

    private static final int CREDENTIALS = 3500;

    @Deployment
    static WebArchive platform() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war"))).addClass(CascadeProbe.class)
                .addClasses(Eventually.class, Eventually.Condition.class, Eventually.Probe.class);
    }

    @Inject
    CascadeProbe probe;

    @Inject
    RevocationCascades cascades;

    @Inject
    StatusListReservations reservations;

    @Test
    void blocksComeFromOneListUntilItIsFullThenFromTheNext() {
        String family = "test" + System.nanoTime();
        StatusListReservations.Reservation first = reservations.reserve(family, 1, 64, 100);
        assertEquals(family + "-1", first.listId());
        assertEquals(0, first.from());
        assertEquals(64, first.to());
        StatusListReservations.Reservation second = reservations.reserve(family, 1, 64, 100);
        assertEquals(family + "-1", second.listId());
        assertEquals(64, second.from());
        assertEquals(100, second.to(), "the rest of the list, not beyond it");
        StatusListReservations.Reservation third = reservations.reserve(family, 1, 64, 100);
        assertEquals(family + "-2", third.listId(), "a full list opens the next");
        assertEquals(0, third.from());
        assertEquals(100, third.listSize());
    }

    /**
     * Issuances running at once each take their own status list indexes: random probing let two
     * transactions pick the same free index, and the second batch failed on the primary key.
     */
    @Test
    void concurrentIssuancesNeverTakeTheSameStatusListIndex() throws Exception {
        String[] ids = probe.newWalletProviderWithOffer();
        int threads = 8;
        int batchesPerThread = 15;
        int batch = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (int b = 0; b < batchesPerThread; b++) {
                        probe.addCredentials(ids, batch);
                    }
                    return null;
                }));
            }
            for (Future<?> each : running) {
                each.get(); // a batch that failed on a taken index fails here
            }
        } finally {
            pool.shutdownNow();
        }
        long[] credentialsAndPositions = probe.credentialsAndPositionsOf(ids[0]);
        assertEquals(threads * batchesPerThread * batch, credentialsAndPositions[0]);
        assertEquals(credentialsAndPositions[0], credentialsAndPositions[1], "each credential has a position of its own");
    }

    @Test
    void aCascadeLeftByACrashedNodeIsFinishedFromItsCursor() throws Exception {
        String provider = probe.credentialsOfANewWalletProvider(CREDENTIALS);
        String job = probe.jobOfACrashingNode(provider);
        assertEquals(CREDENTIALS, probe.job(job).getTotal());

        // the doomed node gets one chunk done, then dies holding the lease
        cascades.claim(job, "crashed-node");
        cascades.processNextChunk(job, "crashed-node");
        assertEquals(1000, probe.job(job).getProcessed());
        assertEquals(1000, probe.revokedCredentialsOf(provider));
        probe.crash(job);

        // another node takes the job over once the lease runs out (60 s)
        Eventually.until("another node finishing the job", Duration.ofSeconds(120),
                () -> probe.job(job).getState() == RevocationJob.State.DONE);
        RevocationJob finished = probe.job(job);
        assertEquals(CREDENTIALS, finished.getProcessed());
        assertEquals(CREDENTIALS, finished.getRevoked());
        assertEquals(CREDENTIALS, probe.revokedCredentialsOf(provider));
    }
}
