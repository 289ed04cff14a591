package dev.klaxon.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand: business time passes only when a test says so. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    /** {@link System#nanoTime()} when the clock started following real time; -1 while it stands still. */
    private volatile long followingSince = -1;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    public void set(Instant instant) {
        followingSince = -1;
        now.set(instant);
    }

    /** For benchmarks only: from now on the clock runs with real time, starting at {@code start}. */
    public void followRealTimeFrom(Instant start) {
        now.set(start);
        followingSince = System.nanoTime();
    }

    @Override
    public Instant instant() {
        long since = followingSince;
        Instant base = now.get();
        return since < 0 ? base : base.plusNanos(System.nanoTime() - since);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Klaxon reads UTC instants only");
    }
}
