package dev.klaxon.common;

import java.time.Instant;
import java.util.Optional;

/**
 * A module's background work, run by {@link BackgroundWorkers} on one daemon thread per instance: a round runs what
 * is due and says how many items it handled; between rounds the worker sleeps until the poll interval passes, the
 * next piece of work falls due ({@link #nextDue()}), or the module {@link #wakeAfterCommit() wakes} it. Which
 * instance does a piece of work is always decided by a claim in the database, never by the worker.
 *
 * <p>Each worker gets the metrics {@code klaxon.worker.runs}, {@code klaxon.worker.items},
 * {@code klaxon.worker.failures} and {@code klaxon.worker.lag} (how late a round started after its earliest due
 * work), tagged with {@code worker=<name>}.
 */
public abstract class BackgroundWork {

    private final String name;
    private final WorkerSettings settings;
    private volatile BackgroundLoop loop;

    protected BackgroundWork(String name, WorkerSettings settings) {
        this.name = name;
        this.settings = settings;
    }

    /** One round: do what is due now; returns how many items (steps, deliveries, SLOs, hand-offs) it handled. */
    protected abstract int runDue();

    /**
     * When the earliest known piece of work falls due, if the module can tell (it may be in the past: then the work
     * is late by that much). Empty: nothing pending, or unknown; the worker then polls.
     */
    protected Optional<Instant> nextDue() {
        return Optional.empty();
    }

    public final String name() {
        return name;
    }

    public final WorkerSettings settings() {
        return settings;
    }

    /** Asks for a round now; a no-op where the worker does not run on this instance. */
    public final void wake() {
        BackgroundLoop running = loop;
        if (running != null) {
            running.wake();
        }
    }

    /** Asks for a round once the current transaction has committed (at once when there is none). */
    public final void wakeAfterCommit() {
        BackgroundLoop running = loop;
        if (running != null) {
            running.wakeAfterCommit();
        }
    }

    final void attach(BackgroundLoop running) {
        this.loop = running;
    }
}
