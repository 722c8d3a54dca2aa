package eu.wua.audit;

import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/**
 * Chains the events a database held before the chain existed (migration V6), in the order they
 * were written, once, before anything else is recorded.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class AuditChainBackfill {

    private static final Logger LOG = Logger.getLogger(AuditChainBackfill.class.getName());

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @PostConstruct
    void chainUnchainedEvents() {
        AuditChainHead head = em.find(AuditChainHead.class, AuditChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        List<AuditEvent> unchained = em.createQuery("SELECT e FROM AuditEvent e WHERE e.seq IS NULL ORDER BY e.id", AuditEvent.class)
                .getResultList();
        for (AuditEvent event : unchained) {
            event.normalizeTime();
            long seq = head.getSeq() + 1;
            event.chain(seq, head.getHeadHash(), null);
            String hash = eu.wua.audit.verify.AuditRecordFormat.hash(AuditTrail.record(event));
            event.chain(seq, head.getHeadHash(), hash);
            head.advance(seq, hash);
        }
        if (!unchained.isEmpty()) {
            LOG.info(() -> unchained.size() + " audit events written before the hash chain were chained");
        }
    }
}
