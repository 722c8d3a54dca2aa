package eu.wua.status;

import java.util.Collection;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Changes the status of allocated entries, in the caller's transaction (with the change that causes it). */
@Stateless
public class StatusEntries {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    /** Sets the entry to invalid; answers whether it changed (an entry revoked before stays as it is). */
    public boolean revoke(String listId, int index) {
        StatusListEntry entry = em.find(StatusListEntry.class, new StatusListEntry.Position(listId, index));
        if (entry == null || entry.getStatus() == StatusListEntry.INVALID) {
            return false;
        }
        entry.setStatus(StatusListEntry.INVALID);
        return true;
    }

    /**
     * Sets the entries at {@code indexes} of one list to invalid (a cascade's chunk) without loading
     * them; answers how many changed. One primary-key UPDATE per entry: a single UPDATE with an IN
     * list is not run on the index by H2 and would scan the whole list for every chunk.
     */
    public int revokeAll(String listId, Collection<Integer> indexes) {
        jakarta.persistence.Query update = em.createQuery("UPDATE StatusListEntry e SET e.status = :invalid"
                + " WHERE e.position.listId = :list AND e.position.index = :index AND e.status <> :invalid")
                .setParameter("invalid", StatusListEntry.INVALID).setParameter("list", listId);
        int changed = 0;
        for (Integer index : indexes) {
            changed += update.setParameter("index", index).executeUpdate();
        }
        return changed;
    }
}
