package eu.wua.status;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.OptionalInt;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/**
 * Reserves blocks of a status list's counter for one node, each in a short transaction of its own:
 * the row lock serialises nodes for a moment, not for the length of an issuance, and a block once
 * reserved is this node's alone whatever its callers' transactions do.
 */
@Stateless
public class StatusListReservations {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    /** Counter values [from, to) of list {@code family-number}, and what maps them to indexes. */
    public record Reservation(int listNumber, String listId, int listSize, String permutationKey, int from, int to) {
    }

    /**
     * Up to {@code wanted} counter values from the first list of {@code family}, numbered
     * {@code fromList} or later, that has any left; a list not created yet is created with
     * {@code newListSize} entries and a fresh key. Two nodes creating the same list at once: one
     * of them fails on the primary key and asks again.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Reservation reserve(String family, int fromList, int wanted, int newListSize) {
        for (int list = fromList; ; list++) {
            String listId = family + "-" + list;
            StatusListAllocation allocation = em.find(StatusListAllocation.class, listId, LockModeType.PESSIMISTIC_WRITE);
            if (allocation == null) {
                allocation = new StatusListAllocation(listId, newListSize, newKey());
                em.persist(allocation);
                em.flush();
            }
            int first = allocation.reserve(wanted);
            if (allocation.getNextCounter() > first) {
                return new Reservation(list, listId, allocation.getListSize(), allocation.getPermutationKey(), first, allocation.getNextCounter());
            }
            // full: the next list
        }
    }

    /** The size of {@code listId} as it was created; empty for a list from before counters (or none). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public OptionalInt sizeOf(String listId) {
        StatusListAllocation allocation = em.find(StatusListAllocation.class, listId);
        return allocation == null || allocation.getListSize() == 0 ? OptionalInt.empty()
                : OptionalInt.of(allocation.getListSize());
    }

    private static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
