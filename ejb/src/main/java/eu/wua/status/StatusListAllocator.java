package eu.wua.status;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Hands out status list indexes: random within the list (an index must not reveal the order of
 * issuance), never twice, and a new list once one is full. Each list has a counter in the database;
 * this node reserves blocks of it ({@link StatusListReservations}) and maps each counter value to
 * an index through the list's keyed {@link IndexPermutation}. So concurrent issuances, on this node
 * or on others sharing the database, never pick the same index (random probing did, and the loser's
 * whole batch failed on the primary key), and an allocation costs no query. The entry itself is
 * written in the caller's transaction; values of a rolled-back issuance or of a block a stopped node
 * held are not reused, only skipped.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StatusListAllocator {

    private static final int RESERVATION_ATTEMPTS = 3;

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private StatusListReservations reservations;

    @Inject
    private StatusListSettings settings;

    private final Map<String, Block> blocks = new ConcurrentHashMap<>();

    /** Counter values this node holds for one family, and the current list's permutation. */
    private static final class Block {
        StatusListReservations.Reservation reservation;
        IndexPermutation permutation;
        int next;
    }

    /** The position for a new entry of {@code family} (for example {@code wia}) standing for {@code subjectId}. */
    public StatusListEntry.Position allocate(String family, String subjectType, String subjectId) {
        StatusListEntry.Position position = nextPosition(family);
        em.persist(new StatusListEntry(position.listId(), position.index(), subjectType, subjectId, clock.instant()));
        return position;
    }

    private StatusListEntry.Position nextPosition(String family) {
        Block block = blocks.computeIfAbsent(family, f -> new Block());
        synchronized (block) {
            if (block.reservation == null || block.next == block.reservation.to()) {
                int fromList = block.reservation == null ? 1 : block.reservation.listNumber();
                StatusListReservations.Reservation reservation = reserve(family, fromList);
                if (block.reservation == null || !reservation.listId().equals(block.reservation.listId())) {
                    block.permutation = new IndexPermutation(reservation.permutationKey(), reservation.listSize());
                }
                block.reservation = reservation;
                block.next = reservation.from();
            }
            int counter = block.next++;
            return new StatusListEntry.Position(block.reservation.listId(), block.permutation.apply(counter));
        }
    }

    private StatusListReservations.Reservation reserve(String family, int fromList) {
        EJBException last = null;
        for (int attempt = 0; attempt < RESERVATION_ATTEMPTS; attempt++) {
            try {
                return reservations.reserve(family, fromList, settings.reservationBlock(), settings.size());
            } catch (EJBException e) {
                last = e; // another node created the same new list at the same moment: its row is there now
            }
        }
        throw last;
    }
}
