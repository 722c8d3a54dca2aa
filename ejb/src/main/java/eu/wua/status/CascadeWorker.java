package eu.wua.status;

import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
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
 * Works the running cascades: every {@code wua.revocation.poll-interval} it takes the lease of each
 * running job it can and processes chunks until the job is done. Jobs a crashed or restarted node
 * left behind are taken up here once their lease ran out, from their cursor.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CascadeWorker {

    private static final Logger LOG = Logger.getLogger(CascadeWorker.class.getName());
    private String node;
    private volatile boolean working;

    /** What the cascades' API names this node by ({@code lease_owner}); a random suffix keeps two nodes of one name apart. */
    @Inject
    @ConfigProperty(name = "wua.node-name", defaultValue = "node")
    String nodeName;

    @Inject
    private RevocationCascades cascades;

    @Inject
    @ConfigProperty(name = "wua.revocation.poll-interval", defaultValue = "PT2S")
    Duration pollInterval;

    @Resource
    private TimerService timers;

    @PostConstruct
    void schedule() {
        node = nodeName + "/" + UUID.randomUUID().toString().substring(0, 8);
        long millis = pollInterval.toMillis();
        timers.createIntervalTimer(millis, millis, new TimerConfig("revocation-cascades", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void work() {
        if (working) {
            return; // the previous run is still at it
        }
        working = true;
        try {
            for (String jobId : cascades.runningJobIds()) {
                while (cascades.claim(jobId, node) && cascades.processNextChunk(jobId, node)) {
                    // one chunk per transaction, the lease renewed before each
                }
            }
        } catch (RuntimeException e) {
            // the job keeps its cursor; the next run (here or on another node) goes on from there
            LOG.log(Level.WARNING, "a revocation cascade stopped and will be resumed: {0}", e.getMessage());
        } finally {
            working = false;
        }
    }
}
