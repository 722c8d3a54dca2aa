package eu.wua.status;

import java.security.SecureRandom;
import java.time.Instant;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands out status list indexes: random within the list (an index must not reveal the order of
 * issuance), never twice (the primary key of {@code status_list_entry}), and a new list once one
 * is full. In the caller's transaction, so a rolled-back issuance takes no index.
 */
@Stateless
public class StatusListAllocator {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 64;

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @jakarta.inject.Inject
    @ConfigProperty(name = "wua.status-list.size", defaultValue = "100000")
    int listSize;

    /** The list allocations start at on this node; lists before it were found full. */
    private static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> CURRENT = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The position for a new entry of {@code family} (for example {@code wia}) standing for
     * {@code subjectId}. Random probes by primary key; a list is counted only when the probes keep
     * hitting taken indexes, so the cost of an allocation does not grow with the list.
     */
    public StatusListEntry.Position allocate(String family, String subjectType, String subjectId) {
        java.util.concurrent.atomic.AtomicInteger current = CURRENT.computeIfAbsent(family, f -> new java.util.concurrent.atomic.AtomicInteger(1));
        for (int list = current.get(); ; list++) {
            String listId = family + "-" + list;
            while (true) {
                for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                    int index = RANDOM.nextInt(listSize);
                    if (em.find(StatusListEntry.class, new StatusListEntry.Position(listId, index)) == null) {
                        StatusListEntry entry = new StatusListEntry(listId, index, subjectType, subjectId, Instant.now());
                        em.persist(entry);
                        return entry.getPosition();
                    }
                }
                long used = em.createQuery("SELECT COUNT(e) FROM StatusListEntry e WHERE e.position.listId = :list", Long.class)
                        .setParameter("list", listId).getSingleResult();
                if (used >= listSize) {
                    current.accumulateAndGet(list + 1, Math::max);
                    break; // full: the next list
                }
                // unlucky probes in a list with room: probe again
            }
        }
    }
}
