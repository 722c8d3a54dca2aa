package eu.wua.status;

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
}
