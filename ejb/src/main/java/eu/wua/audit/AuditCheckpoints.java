package eu.wua.audit;

import static eu.wua.platform.JsonFactory.JSON;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import eu.wua.audit.verify.AuditRecordFormat;
import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.wscd.WscdException;

/**
 * Signs chain positions with the audit key in the WSCD: the head every {@code wua.audit.checkpoint-interval}
 * (when it moved), and the last record of every export. A verifier needs only the audit certificate.
 */
@Singleton
@Startup
@DependsOn("AuditChainBackfill")
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class.getName());

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private PlatformKeys platformKeys;

    @Inject
    @ConfigProperty(name = "wua.audit.checkpoint-interval", defaultValue = "PT15M")
    Duration interval;

    @Resource
    private TimerService timers;

    @PostConstruct
    void schedule() {
        long millis = interval.toMillis();
        timers.createIntervalTimer(millis, millis, new TimerConfig("audit-checkpoint", false));
    }

    @Timeout
    void checkpointTheHead() {
        AuditChainHead head = em.find(AuditChainHead.class, AuditChainHead.ID);
        List<AuditCheckpoint> latest = em.createQuery("SELECT c FROM AuditCheckpoint c ORDER BY c.seq DESC", AuditCheckpoint.class)
                .setMaxResults(1).getResultList();
        if (head.getSeq() == 0 || (!latest.isEmpty() && latest.get(0).getSeq() == head.getSeq())) {
            return;
        }
        try {
            sign(head.getSeq(), head.getHeadHash(), "interval");
        } catch (WscdException e) {
            // the next interval tries again; the chain itself is intact
            LOG.log(Level.WARNING, "the audit checkpoint could not be signed: {0}", e.getMessage());
        }
    }

    /** Signs {@code seq}/{@code hash} and keeps the checkpoint (in the caller's transaction). */
    public AuditCheckpoint sign(long seq, String hash, String reason) throws WscdException {
        Instant now = clock.instant();
        JsonObject header = JSON.createObjectBuilder().add("alg", "ES256").add("typ", AuditRecordFormat.CHECKPOINT_TYPE).build();
        JsonObject claims = JSON.createObjectBuilder(AuditRecordFormat.checkpointClaims(seq, hash, now)).build();
        AuditCheckpoint checkpoint = new AuditCheckpoint(seq, hash, now, reason,
                platformKeys.signCompactJws(PlatformKeyPurpose.AUDIT_CHECKPOINT, header, claims));
        em.persist(checkpoint);
        return checkpoint;
    }
}
