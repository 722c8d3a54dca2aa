package eu.wua.issuer;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Schedules the 24-hour re-check (TS3 §2.4.3, §2.3.1): every {@code wua.revocation.recheck-interval}
 * (at most 24 h: a longer setting stops the start-up), on whichever node holds the lease; an
 * administrator can start a run at once.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StatusRecheck {

    static final Duration MAX_INTERVAL = Duration.ofHours(24);
    private static final Logger LOG = Logger.getLogger(StatusRecheck.class.getName());
    private final String node = "node-" + UUID.randomUUID();
    private volatile boolean running;

    @Inject
    private StatusRecheckRun run;

    @Inject
    @ConfigProperty(name = "wua.revocation.recheck-interval", defaultValue = "PT12H")
    Duration interval;

    @Resource
    private TimerService timers;

    @PostConstruct
    void schedule() {
        Duration every = interval;
        if (every.isNegative() || every.isZero() || every.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalStateException("wua.revocation.recheck-interval must be more than 0 and at most 24 hours (TS3 2.4.3), was " + every);
        }
        timers.createIntervalTimer(every.toMillis(), every.toMillis(), new TimerConfig("status-recheck", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        runOnce();
    }

    /** Starts a run now, unless one is running here or on another node. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void runNow() {
        runOnce();
    }

    private void runOnce() {
        if (running) {
            return;
        }
        running = true;
        try {
            if (!run.claim(node, true)) {
                return;
            }
            Set<String> unreadable = new HashSet<>();
            String cursor = "";
            while (cursor != null) {
                cursor = run.checkChunk(cursor, unreadable);
                if (cursor != null && !run.claim(node, false)) {
                    return; // another node took over after our lease ran out
                }
            }
            run.finish();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the status re-check stopped; the next run starts again: {0}", e.getMessage());
        } finally {
            running = false;
        }
    }
}
