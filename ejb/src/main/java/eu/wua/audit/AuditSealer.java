package eu.wua.audit;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import eu.wua.wscd.WscdException;

/**
 * Seals on every node every {@code wua.audit.seal-interval} (and when an export or a proof asks):
 * whichever node gets the log state's lock seals what every node committed, so events of a node
 * that died are sealed by the others. The window between an event's commit and its sealing is
 * this interval plus the time a batch takes; a backlog is sealed batch after batch.
 */
@Singleton
@Startup
@DependsOn({"DatabaseMigration", "PlatformKeys"})
public class AuditSealer {

    private static final Logger LOG = Logger.getLogger(AuditSealer.class.getName());

    @Inject
    private AuditSealing sealing;

    @Inject
    @ConfigProperty(name = "wua.audit.seal-interval", defaultValue = "PT1S")
    Duration interval;

    @Resource
    private TimerService timers;

    @PostConstruct
    void schedule() {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalStateException("wua.audit.seal-interval must be positive, not " + interval);
        }
        long millis = interval.toMillis();
        timers.createIntervalTimer(millis, millis, new TimerConfig("audit-sealer", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sealOnSchedule() {
        try {
            sealNow();
        } catch (RuntimeException e) {
            // the events stay committed and unsealed; the next interval seals them
            LOG.log(Level.WARNING, "audit sealing failed, retried next interval: {0}", e.getMessage());
        }
    }

    /** Seals every event committed before this call; answers how many. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int sealNow() {
        int sealed = 0;
        int batch;
        do {
            try {
                batch = sealing.sealBatch();
            } catch (WscdException e) {
                throw new IllegalStateException("the audit key cannot sign the tree head: " + e.getMessage(), e);
            } catch (EJBException | PersistenceException e) {
                throw new IllegalStateException("a sealing batch rolled back: " + e.getMessage(), e);
            }
            sealed += batch;
        } while (batch == AuditSealing.BATCH);
        return sealed;
    }
}
