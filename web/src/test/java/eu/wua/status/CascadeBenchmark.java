package eu.wua.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.testing.Eventually;
import eu.wua.trust.WalletProviderRegistry;

/**
 * Not part of the test suite (no IT suffix): the time a Wallet Provider withdrawal takes to revoke
 * {@code -Dcascade.credentials} credentials (default 100,000), printed for docs/benchmarks.md.
 * Run: {@code ./mvnw verify -pl web -Dit.test=CascadeBenchmark -Dcascade.credentials=100000}.
 */
@ExtendWith(ArquillianExtension.class)
class CascadeBenchmark {

    @Deployment
    static WebArchive platform() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war"))).addClass(CascadeProbe.class)
                .addClasses(Eventually.class, Eventually.Condition.class, Eventually.Probe.class);
    }

    @Inject
    CascadeProbe probe;

    @Inject
    WalletProviderRegistry registry;

    @Inject
    RevocationCascades cascades;

    @Test
    void withdrawingAWalletProviderOfManyCredentials() throws Exception {
        int count = Integer.getInteger("cascade.credentials", 100_000);
        Instant setup = Instant.now();
        String[] ids = probe.newWalletProviderWithOffer();
        for (int done = 0; done < count; done += 5000) {
            probe.addCredentials(ids, Math.min(5000, count - done));
        }
        System.out.println("CASCADE BENCHMARK: " + count + " credentials set up in " + Duration.between(setup, Instant.now()).toMillis() + " ms");

        Instant started = Instant.now();
        registry.withdraw(ids[0], "benchmark", "test").orElseThrow();
        String job = cascades.startedFrom(RevocationJob.Kind.wallet_provider, ids[0]).orElseThrow().getId();
        Eventually.until("the cascade finishing", Duration.ofMinutes(30), () -> probe.job(job).getState() == RevocationJob.State.DONE);
        long millis = Duration.between(started, Instant.now()).toMillis();
        System.out.println("CASCADE BENCHMARK: " + count + " credentials revoked in " + millis + " ms (" + (count * 1000L / Math.max(1, millis))
                + " per second)");
        assertEquals(count, probe.revokedCredentialsOf(ids[0]));
    }
}
