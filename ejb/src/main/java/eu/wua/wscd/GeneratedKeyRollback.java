package eu.wua.wscd;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The WSCD is not transactional: a key generated for a transaction that then rolls back would stay
 * in the HSM with nothing pointing at it. This destroys such keys when the transaction ends.
 */
@ApplicationScoped
public class GeneratedKeyRollback {

    private static final Logger LOG = Logger.getLogger(GeneratedKeyRollback.class.getName());

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Inject
    private Wscd wscd;

    /** Destroys {@code key} if the current transaction does not commit. */
    public void destroyOnRollback(KeyHandle key) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // the decision is known only after completion
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    destroy(key);
                }
            }
        });
    }

    private void destroy(KeyHandle key) {
        try (WscdConnection connection = wscd.connect()) {
            connection.destroy(key);
            LOG.info(() -> "destroyed WSCD key " + key + ": its transaction did not commit");
        } catch (WscdException e) {
            LOG.log(Level.WARNING, "could not destroy WSCD key " + key + " after a rollback; it is orphaned", e);
        }
    }
}
