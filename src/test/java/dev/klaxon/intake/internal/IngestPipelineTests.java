package dev.klaxon.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

class IngestPipelineTests {

    private static final UUID SERVICE = UUID.randomUUID();

    /** Counts transactions; commands "write" by being recorded. */
    static final class FakeTransactions extends AbstractPlatformTransactionManager {
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger rollbacks = new AtomicInteger();

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {}

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            commits.incrementAndGet();
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            rollbacks.incrementAndGet();
        }
    }

    static final class FakeProcessor extends CommandProcessor {
        final List<String> applied = Collections.synchronizedList(new ArrayList<>());
        final Function<String, Applied> behaviour;

        FakeProcessor(Function<String, Applied> behaviour) {
            super(null, null, null, null, null);
            this.behaviour = behaviour;
        }

        @Override
        List<Applied> applyAll(List<IntakeCommand> commands) {
            List<Applied> results = new ArrayList<>();
            for (IntakeCommand command : commands) {
                String key = command.routingKey();
                applied.add(key);
                results.add(behaviour.apply(key));
            }
            return results;
        }
    }

    private static AlertEvent trigger(String key) {
        return new AlertEvent(
                AlertAction.TRIGGER,
                UUID.randomUUID(),
                "test",
                SERVICE,
                key,
                "s",
                "h",
                "info",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Instant.EPOCH);
    }

    private static IngestPipeline pipeline(FakeProcessor processor, FakeTransactions tx, int queueCapacity) {
        return new IngestPipeline(
                processor,
                tx,
                new IntakeProperties(1, 256, queueCapacity, Duration.ofSeconds(5), 1000, 1000),
                new SimpleMeterRegistry());
    }

    @Test
    void queuedEventsAreWrittenInOneTransactionAndEachGetsItsOwnResult() throws Exception {
        var tx = new FakeTransactions();
        var gate = new CountDownLatch(1);
        // Results differ by key, so an answer given to the wrong request (the batch is answered in two halves) shows.
        var processor = new FakeProcessor(key -> {
            if (key.equals("first")) {
                await(gate);
            }
            return key.endsWith("odd") ? Applied.REPEATED : Applied.OPENED;
        });
        var pipeline = pipeline(processor, tx, 100);
        pipeline.start();
        try {
            var first = pipeline.submit(trigger("first"));
            waitUntil(() -> !processor.applied.isEmpty());
            List<CompletableFuture<Applied>> rest = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                rest.add(pipeline.submit(trigger("k" + i + (i % 2 == 1 ? "-odd" : "-even"))));
            }
            gate.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(Applied.OPENED);
            for (int i = 0; i < rest.size(); i++) {
                assertThat(rest.get(i).get(5, TimeUnit.SECONDS))
                        .as("result of k%d", i)
                        .isEqualTo(i % 2 == 1 ? Applied.REPEATED : Applied.OPENED);
            }
            assertThat(tx.commits.get()).isEqualTo(2);
        } finally {
            pipeline.stop();
        }
    }

    @Test
    void aPoisonedEventFailsAloneAndItsBatchIsRetriedOneByOne() throws Exception {
        var tx = new FakeTransactions();
        var gate = new CountDownLatch(1);
        var processor = new FakeProcessor(key -> {
            if (key.equals("first")) {
                await(gate);
            }
            if (key.equals("poison")) {
                throw new IllegalStateException("bad event");
            }
            return Applied.REPEATED;
        });
        var pipeline = pipeline(processor, tx, 100);
        pipeline.start();
        try {
            pipeline.submit(trigger("first"));
            waitUntil(() -> !processor.applied.isEmpty());
            var before = pipeline.submit(trigger("a"));
            var poison = pipeline.submit(trigger("poison"));
            var after = pipeline.submit(trigger("b"));
            gate.countDown();

            assertThat(before.get(5, TimeUnit.SECONDS)).isEqualTo(Applied.REPEATED);
            assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo(Applied.REPEATED);
            assertThatThrownBy(() -> poison.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("bad event");
            // The batch ran once (rolled back) and then each event alone.
            assertThat(processor.applied).containsExactly("first", "a", "poison", "a", "poison", "b");
            assertThat(tx.rollbacks.get()).isEqualTo(2);
        } finally {
            pipeline.stop();
        }
    }

    @Test
    void aFullQueueIsRefusedAtOnce() throws Exception {
        var gate = new CountDownLatch(1);
        var processor = new FakeProcessor(key -> {
            await(gate);
            return Applied.OPENED;
        });
        var pipeline = pipeline(processor, new FakeTransactions(), 1);
        pipeline.start();
        try {
            pipeline.submit(trigger("taken"));
            waitUntil(() -> !processor.applied.isEmpty());
            pipeline.submit(trigger("queued"));

            assertThatThrownBy(() -> pipeline.submit(trigger("refused"))).isInstanceOf(IngestPipeline.Overloaded.class);
        } finally {
            gate.countDown();
            pipeline.stop();
        }
    }

    @Test
    void stoppingDrainsTheQueueAndRefusesNewEvents() throws Exception {
        var processor = new FakeProcessor(key -> Applied.OPENED);
        var pipeline = pipeline(processor, new FakeTransactions(), 1000);
        pipeline.start();
        List<CompletableFuture<Applied>> submitted = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            submitted.add(pipeline.submit(trigger("k" + i)));
        }

        pipeline.stop();

        for (var f : submitted) {
            assertThat(f).isCompletedWithValue(Applied.OPENED);
        }
        assertThatThrownBy(() -> pipeline.submit(trigger("late"))).isInstanceOf(IngestPipeline.Overloaded.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the writer thread (real threads, not business time). */
    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(condition::getAsBoolean);
    }
}
