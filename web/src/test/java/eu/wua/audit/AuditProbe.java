package eu.wua.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** AuditTrailIT's hands in the database: writes events as a capability would, and tampers with rows as an attacker would. */
@Stateless
public class AuditProbe {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private AuditTrail audit;

    @Inject
    private AuditSealer sealer;

    @Inject
    private AuditProbe self;

    /** One event in a transaction of its own, as one request would write it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void writeOne(String actor, int n) {
        audit.record(actor, "test.event", "subject-" + n, Map.of("n", String.valueOf(n)));
    }

    /** The events of {@code actor}, sealed, in log order. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<AuditEvent> sealedEventsOf(String actor) {
        sealer.sealNow();
        return em.createQuery("SELECT e FROM AuditEvent e WHERE e.actor = :actor ORDER BY e.seq", AuditEvent.class)
                .setParameter("actor", actor).getResultList();
    }

    /**
     * Inside the window between commit and sealing: holds the log state's lock (as a sealer would, so no sealer can run),
     * writes an event of {@code actor} that commits, and alters its details in a transaction of its own; the sealers
     * get the lock when this returns.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void writeAndAlterBeforeSealing(String actor) {
        em.find(AuditLogState.class, AuditLogState.ID, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        self.writeOne(actor, 0);
        self.alterUnsealed(actor);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void alterUnsealed(String actor) {
        int altered = em.createNativeQuery("UPDATE audit_event SET details = '{\"n\":\"tampered\"}' WHERE actor = ?1 AND seq IS NULL")
                .setParameter(1, actor).executeUpdate();
        if (altered != 1) {
            throw new IllegalStateException("the event was sealed before it could be altered");
        }
    }

    public void changeDetails(long seq) {
        em.createNativeQuery("UPDATE audit_event SET details = '{\"n\":\"tampered\"}' WHERE seq = ?1").setParameter(1, seq).executeUpdate();
    }

    public void changeTime(long seq, Instant time) {
        em.createNativeQuery("UPDATE audit_event SET occurred_at = ?1 WHERE seq = ?2").setParameter(1, Timestamp.from(time))
                .setParameter(2, seq).executeUpdate();
    }

    public void swap(long seq, long other) {
        em.createNativeQuery("UPDATE audit_event SET seq = -1 WHERE seq = ?1").setParameter(1, seq).executeUpdate();
        em.createNativeQuery("UPDATE audit_event SET seq = ?1 WHERE seq = ?2").setParameter(1, seq).setParameter(2, other).executeUpdate();
        em.createNativeQuery("UPDATE audit_event SET seq = ?1 WHERE seq = -1").setParameter(1, other).executeUpdate();
    }

    public void delete(long seq) {
        em.createNativeQuery("DELETE FROM audit_event WHERE seq = ?1").setParameter(1, seq).executeUpdate();
    }
}
