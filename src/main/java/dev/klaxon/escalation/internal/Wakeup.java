package dev.klaxon.escalation.internal;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Lets a committed new step reach the engine loop at once instead of at the next poll. */
@Component
class Wakeup {

    private final Object monitor = new Object();
    private boolean pending;

    /** Wakes the loop after the current transaction commits (at once when there is none). */
    void afterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            signal();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal();
            }
        });
    }

    void signal() {
        synchronized (monitor) {
            pending = true;
            monitor.notifyAll();
        }
    }

    /**
     * Waits until signalled or until the time is up; returns whether a signal woke it. The caller may then
     * linger a moment so that the escalations of a burst of new incidents are paged in one batch.
     */
    boolean await(long millis) throws InterruptedException {
        synchronized (monitor) {
            if (!pending && millis > 0) {
                monitor.wait(millis);
            }
            boolean signalled = pending;
            pending = false;
            return signalled;
        }
    }
}
