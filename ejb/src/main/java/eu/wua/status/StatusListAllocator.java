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

    /** The position for a new entry of {@code family} (for example {@code wia}) standing for {@code subjectId}. */
    public StatusListEntry.Position allocate(String family, String subjectType, String subjectId) {
        for (int list = 1; ; list++) {
            String listId = family + "-" + list;
            long used = em.createQuery("SELECT COUNT(e) FROM StatusListEntry e WHERE e.position.listId = :list", Long.class)
                    .setParameter("list", listId).getSingleResult();
            if (used >= listSize) {
                continue;
            }
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int index = RANDOM.nextInt(listSize);
                if (em.find(StatusListEntry.class, new StatusListEntry.Position(listId, index)) == null) {
                    StatusListEntry entry = new StatusListEntry(listId, index, subjectType, subjectId, Instant.now());
                    em.persist(entry);
                    return entry.getPosition();
                }
            }
            // a nearly full list: the random probes kept hitting taken indexes; the next list takes it
        }
    }
}
