package eu.wua.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes the single-use rows no check can need any more, so that their tables hold a few minutes'
 * worth rather than everything since the start (at national scale, tens of millions a day). Every
 * {@code wua.pruning.interval} each node asks each capability's {@link ExpiringRows} for its rules and
 * prunes the families whose turn it takes ({@link ExpiredRowDeletion#takeTurn}), in chunks of
 * {@code wua.pruning.chunk} rows, each its own short transaction, so no request waits long for a lock.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExpiredRowPruning {

    private static final Logger LOG = Logger.getLogger(ExpiredRowPruning.class.getName());

    @Inject
    @Any
    private Instance<ExpiringRows> capabilities;

    @Inject
    private ExpiredRowDeletion deletion;

    @Inject
    private Clock clock;

    @Inject
    @ConfigProperty(name = "wua.pruning.interval", defaultValue = "PT5M")
    Duration interval;

    @Inject
    @ConfigProperty(name = "wua.pruning.chunk", defaultValue = "5000")
    int chunk;

    @Resource
    private TimerService timers;

    @PostConstruct
    void schedule() {
        if (interval.isNegative() || interval.isZero() || chunk < 1) {
            throw new IllegalStateException("wua.pruning.interval must be positive and wua.pruning.chunk at least 1");
        }
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("expired-row-pruning", false));
    }

    @Timeout
    void onTimer() {
        try {
            pruneDue();
        } catch (RuntimeException e) {
            // the next interval tries again; the rows only wait longer
            LOG.log(Level.WARNING, "pruning expired rows failed", e);
        }
    }

    /** Prunes every family whose turn this node takes now; answers the rows deleted per family it pruned. */
    public Map<String, Integer> pruneDue() {
        Instant now = clock.instant();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (ExpiringRows rows : capabilities) {
            for (ExpiringRows.ExpiryRule rule : rows.rules(now)) {
                if (takeTurn(rule, now)) {
                    deleted.put(rule.name(), prune(rule));
                }
            }
        }
        if (deleted.values().stream().anyMatch(n -> n > 0)) {
            LOG.info(() -> "pruned expired rows: " + deleted);
        }
        return deleted;
    }

    private boolean takeTurn(ExpiringRows.ExpiryRule rule, Instant now) {
        try {
            return deletion.takeTurn(rule, now, interval);
        } catch (EJBException | PersistenceException e) {
            return false; // another node inserted the family's first turn at the same moment
        }
    }

    private int prune(ExpiringRows.ExpiryRule rule) {
        int total = 0;
        int deleted;
        do {
            deleted = deletion.deleteChunk(rule, chunk);
            total += deleted;
        } while (deleted > chunk);
        return total;
    }
}
