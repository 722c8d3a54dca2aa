package eu.wua.platform;

import java.time.Clock;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The steps done once in the life of a database (demo seeding, for one), each recorded by its
 * name's primary key in the caller's transaction: of two nodes starting at once, one records it and
 * goes on, the other fails on the key and rolls back what it did with it.
 */
@Stateless
public class BootstrapSteps {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    public boolean isDone(String step) {
        return em.find(BootstrapStep.class, step) != null;
    }

    /** Records the step as done, first thing in the transaction that does it. */
    public void record(String step) {
        em.persist(new BootstrapStep(step, clock.instant()));
        em.flush();
    }
}
