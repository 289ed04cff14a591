package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** Every module's worker runs under one lifecycle with the same metrics; a disabled one never starts. */
class BackgroundWorkersTests {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void eachRoundIsCountedWithItsItemsAndHowLateItStarted() {
        var metrics = new SimpleMeterRegistry();
        var work =
                new CountingWork("test-worker", WorkerSettings.defaults("test", Duration.ofMinutes(1), Duration.ZERO));
        var disabled = new CountingWork(
                "disabled-worker",
                new WorkerSettings(false, null, null).withDefaults("test", Duration.ofMinutes(1), Duration.ZERO));
        var workers = workers(metrics, work, disabled);

        workers.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> work.rounds.get() >= 1);
            work.wake();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> work.rounds.get() >= 2);
        } finally {
            workers.stop();
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> metrics.get("klaxon.worker.runs")
                                .tag("worker", "test-worker")
                                .counter()
                                .count()
                        >= 2);
        double runs = metrics.get("klaxon.worker.runs")
                .tag("worker", "test-worker")
                .counter()
                .count();
        assertThat(metrics.get("klaxon.worker.items")
                        .tag("worker", "test-worker")
                        .counter()
                        .count())
                .isEqualTo(3 * runs);
        var lag = metrics.get("klaxon.worker.lag").tag("worker", "test-worker").timer();
        assertThat(lag.count()).isEqualTo((long) runs);
        assertThat(lag.max(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(5.0);
        assertThat(disabled.rounds.get()).isZero();
        assertThat(metrics.find("klaxon.worker.runs")
                        .tag("worker", "disabled-worker")
                        .counter())
                .isNull();
    }

    @Test
    void aFailedRoundIsCountedAndTheWorkerGoesOn() {
        var metrics = new SimpleMeterRegistry();
        var work =
                new CountingWork(
                        "failing-worker", WorkerSettings.defaults("test", Duration.ofMillis(100), Duration.ZERO)) {
                    @Override
                    protected int runDue() {
                        super.runDue();
                        throw new IllegalStateException("database away");
                    }
                };
        var workers = workers(metrics, work);

        workers.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> work.rounds.get() >= 2);
        } finally {
            workers.stop();
        }

        assertThat(metrics.get("klaxon.worker.failures")
                        .tag("worker", "failing-worker")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(2);
        assertThat(metrics.get("klaxon.worker.runs")
                        .tag("worker", "failing-worker")
                        .counter()
                        .count())
                .isZero();
    }

    @Test
    void workerSettingsRefuseNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkerSettings(true, Duration.ZERO, null)
                        .withDefaults("escalation", Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("klaxon.escalation.worker.poll-interval");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkerSettings(true, null, Duration.ofSeconds(5))
                        .withDefaults("notify", Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("klaxon.notify.worker.settle");
    }

    private static BackgroundWorkers workers(SimpleMeterRegistry metrics, BackgroundWork... works) {
        var beans = new StaticListableBeanFactory();
        for (BackgroundWork work : works) {
            beans.addBean(work.name(), work);
        }
        return new BackgroundWorkers(
                beans.getBeanProvider(BackgroundWork.class), metrics, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static class CountingWork extends BackgroundWork {

        final AtomicInteger rounds = new AtomicInteger();

        CountingWork(String name, WorkerSettings settings) {
            super(name, settings);
        }

        @Override
        protected int runDue() {
            rounds.incrementAndGet();
            return 3;
        }

        @Override
        protected Optional<Instant> nextDue() {
            return Optional.of(NOW.minusSeconds(5));
        }
    }
}
