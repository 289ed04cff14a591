package dev.klaxon.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one lifecycle of every module's {@link BackgroundWork}: starts a {@link BackgroundLoop} for each enabled one
 * when the application is ready and stops them all first on shutdown, and measures each round.
 */
@Component
class BackgroundWorkers implements SmartLifecycle {

    private final ObjectProvider<BackgroundWork> works;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final List<BackgroundLoop> running = new ArrayList<>();

    BackgroundWorkers(ObjectProvider<BackgroundWork> works, MeterRegistry metrics, Clock clock) {
        this.works = works;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        for (BackgroundWork work : works.orderedStream().toList()) {
            if (!work.settings().isEnabled()) {
                continue;
            }
            BackgroundLoop loop = BackgroundLoop.untilDue(
                    work.name(),
                    work.settings().pollInterval(),
                    () -> work.nextDue()
                            .map(due -> Duration.between(clock.instant(), due))
                            .orElse(null),
                    work.settings().settle(),
                    measured(work));
            work.attach(loop);
            loop.start();
            running.add(loop);
        }
    }

    private Runnable measured(BackgroundWork work) {
        Counter runs = counter("klaxon.worker.runs", "Rounds the worker completed", work);
        Counter items = counter("klaxon.worker.items", "Items (steps, deliveries, SLOs, hand-offs) handled", work);
        Counter failures =
                counter("klaxon.worker.failures", "Rounds that failed (retried after the poll interval)", work);
        Timer lag = Timer.builder("klaxon.worker.lag")
                .description("How late a round started after the earliest work it knew to be due")
                .tag("worker", work.name())
                .register(metrics);
        return () -> {
            try {
                Instant now = clock.instant();
                Optional<Instant> due = work.nextDue();
                due.filter(at -> at.isBefore(now)).ifPresent(at -> lag.record(Duration.between(at, now)));
                items.increment(work.runDue());
                runs.increment();
            } catch (RuntimeException e) {
                failures.increment();
                throw e;
            }
        };
    }

    private Counter counter(String name, String description, BackgroundWork work) {
        return Counter.builder(name)
                .description(description)
                .tag("worker", work.name())
                .register(metrics);
    }

    @Override
    public synchronized void stop() {
        running.forEach(BackgroundLoop::stop);
        works.orderedStream().forEach(work -> work.attach(null));
        running.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !running.isEmpty();
    }
}
