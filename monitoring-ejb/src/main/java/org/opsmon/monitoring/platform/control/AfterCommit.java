package org.opsmon.monitoring.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs work only once the current transaction has committed, so in-memory caches never learn
 * of rows that a rollback took back. Outside a transaction the work runs at once.
 */
@ApplicationScoped
public class AfterCommit {

    @Resource
    TransactionSynchronizationRegistry registry;

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    public void run(Runnable work) {
        run(work, () -> { });
    }

    /**
     * Runs {@code work} once the transaction has committed, then {@code settle} however it ended,
     * for bookkeeping that a rollback must undo as well (places reserved for rows not yet committed).
     */
    public void run(Runnable work, Runnable settle) {
        if (registry == null || registry.getTransactionKey() == null) {
            try {
                work.run();
            } finally {
                settle.run();
            }
            return;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // Nothing to prepare: the work only touches memory.
            }

            @Override
            public void afterCompletion(int status) {
                try {
                    if (status == Status.STATUS_COMMITTED) {
                        work.run();
                    }
                } finally {
                    settle.run();
                }
            }
        });
    }
}
