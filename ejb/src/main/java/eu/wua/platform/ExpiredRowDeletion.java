package eu.wua.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The database work of {@link ExpiredRowPruning}, each step a short transaction of its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ExpiredRowDeletion {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    /**
     * Takes this interval's turn at pruning {@code rule}'s rows, if it is due: one conditional UPDATE,
     * so that of several nodes exactly one prunes a family per interval and none waits for another.
     */
    public boolean takeTurn(ExpiringRows.ExpiryRule rule, Instant now, Duration interval) {
        int moved = em.createQuery("UPDATE ExpiredRowPruningTurn t SET t.nextRunAt = :next WHERE t.rowsName = :name AND t.nextRunAt <= :now")
                .setParameter("next", now.plus(interval)).setParameter("name", rule.name()).setParameter("now", now).executeUpdate();
        if (moved == 1) {
            return true;
        }
        if (em.find(ExpiredRowPruningTurn.class, rule.name()) != null) {
            return false;
        }
        // the family's first turn: of two nodes inserting it at once, the primary key lets one commit
        em.persist(new ExpiredRowPruningTurn(rule.name(), now.plus(interval)));
        em.flush();
        return true;
    }

    /**
     * Deletes the oldest of {@code rule}'s rows, about {@code chunk} of them (rows sharing the last
     * instant go together); answers how many. Fewer than {@code chunk + 1} means none is left.
     */
    public int deleteChunk(ExpiringRows.ExpiryRule rule, int chunk) {
        List<Instant> edge = em.createQuery("SELECT r." + rule.instantField() + " FROM " + rule.entity() + " r WHERE r."
                        + rule.instantField() + " < :cutoff ORDER BY r." + rule.instantField(), Instant.class)
                .setParameter("cutoff", rule.cutoff()).setFirstResult(chunk).setMaxResults(1).getResultList();
        String delete = "DELETE FROM " + rule.entity() + " r WHERE r." + rule.instantField();
        return edge.isEmpty()
                ? em.createQuery(delete + " < :cutoff").setParameter("cutoff", rule.cutoff()).executeUpdate()
                : em.createQuery(delete + " <= :edge").setParameter("edge", edge.get(0)).executeUpdate();
    }
}
