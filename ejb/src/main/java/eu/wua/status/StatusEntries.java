package eu.wua.status;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/** Changes the status of allocated entries, in the caller's transaction (with the change that causes it). */
@Stateless
public class StatusEntries {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    /** The entry's status; empty when the index was never allocated. */
    public Optional<Short> status(String listId, int index) {
        return Optional.ofNullable(em.find(StatusListEntry.class, new StatusListEntry.Position(listId, index))).map(StatusListEntry::getStatus);
    }

    /** The statuses of entries of one list, by index (a page of the console's credentials); unallocated indexes are left out. */
    public Map<Integer, Short> statuses(String listId, Collection<Integer> indexes) {
        Map<Integer, Short> statuses = new HashMap<>();
        if (indexes.isEmpty()) {
            return statuses;
        }
        em.createQuery("SELECT e.position.index, e.status FROM StatusListEntry e WHERE e.position.listId = :list AND e.position.index IN :indexes",
                Object[].class).setParameter("list", listId).setParameter("indexes", indexes).getResultStream()
                .forEach(row -> statuses.put((Integer) row[0], ((Number) row[1]).shortValue()));
        return statuses;
    }

    /**
     * Sets the entry to {@code to} if it is {@code from} now (read under a row lock, so that two
     * administrators do not both change it); answers the status it had.
     */
    public short move(String listId, int index, short from, short to) {
        StatusListEntry entry = em.find(StatusListEntry.class, new StatusListEntry.Position(listId, index), LockModeType.PESSIMISTIC_WRITE);
        short before = entry.getStatus();
        if (before == from) {
            entry.setStatus(to);
        }
        return before;
    }

    /** A status value in words: valid, revoked, suspended. */
    public static String describe(short status) {
        return switch (status) {
            case StatusListEntry.VALID -> "valid";
            case StatusListEntry.INVALID -> "revoked";
            case StatusListEntry.SUSPENDED -> "suspended";
            default -> "status " + status;
        };
    }

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
