package dev.klaxon.common;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one daemon thread per instance that a module's {@link BackgroundWork} runs on (started by
 * {@link BackgroundWorkers}): do a round, then wait until the
 * poll interval passes, the next piece of work falls due, or someone {@link #wake() wakes} it. Which instance
 * does a piece of work is always decided by a claim in the database, never by this loop. A failed round is
 * logged and retried after the poll interval.
 */
final class BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    /** A round that says work is due now still waits this long, so that work another instance holds cannot make it spin. */
    private static final long MIN_WAIT_MILLIS = 50;

    private final String name;
    private final Runnable round;
    private final Duration pollInterval;
    private final Supplier<Duration> untilNextDue;
    private final Duration settle;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;
    private Thread thread;

    private BackgroundLoop(
            String name, Runnable round, Duration pollInterval, Supplier<Duration> untilNextDue, Duration settle) {
        this.name = name;
        this.round = round;
        this.pollInterval = pollInterval;
        this.untilNextDue = untilNextDue;
        this.settle = settle;
    }

    /**
     * Also wakes when the next piece of work falls due ({@code untilNextDue}, null when nothing is pending), and
     * after a wake-up waits {@code settle} more, so a burst of wake-ups is handled in one round.
     */
    static BackgroundLoop untilDue(
            String name, Duration pollInterval, Supplier<Duration> untilNextDue, Duration settle, Runnable round) {
        return new BackgroundLoop(name, round, pollInterval, untilNextDue, settle);
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public synchronized boolean isRunning() {
        return thread != null;
    }

    /** Asks for a round now (a no-op when the loop does not run). */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the loop once the current transaction has committed (at once when there is none). */
    public void wakeAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake();
            }
        });
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            long waitMillis = pollInterval.toMillis();
            try {
                round.run();
                waitMillis = nextWaitMillis();
            } catch (RuntimeException e) {
                log.warn("{}: round failed; trying again after {}", name, pollInterval, e);
            }
            try {
                if (awaitWakeUp(waitMillis) && !settle.isZero()) {
                    Thread.sleep(settle.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long nextWaitMillis() {
        long poll = pollInterval.toMillis();
        Duration untilDue = untilNextDue == null ? null : untilNextDue.get();
        if (untilDue == null) {
            return poll;
        }
        return Math.max(MIN_WAIT_MILLIS, Math.min(poll, untilDue.toMillis()));
    }

    /** Returns whether a wake-up (rather than the time running out) ended the wait. */
    private boolean awaitWakeUp(long millis) throws InterruptedException {
        lock.lock();
        try {
            if (!woken) {
                signal.await(millis, TimeUnit.MILLISECONDS);
            }
            boolean wasWoken = woken;
            woken = false;
            return wasWoken;
        } finally {
            lock.unlock();
        }
    }
}
