package dev.klaxon.intake.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: request threads submit validated commands (and go back to the web server); K writer threads each
 * drain their queue and write up to {@code maxBatch} commands in one transaction, then the commands' futures
 * complete, which answers their requests.
 * A command's writer is chosen by hash of (service, dedup key), so one alert is always written by one
 * writer, in arrival order, and two writers never contend for one alert row.
 *
 * <p>Durability: a future completes normally only after the transaction holding its command committed.
 * When a batch fails, it is rolled back and every command is retried alone, so a poisoned event fails alone.
 *
 * <p>A committed batch's futures are completed by completer threads, not by the writer: completing a future
 * writes its request's answer to the socket (system calls), and the writer's thread is the serial path every
 * batch waits on. The writer hands the batch over and starts the next one while the last one is answered; a
 * larger batch is answered in two halves by the two completers, in parallel.
 */
@Component
public class IngestPipeline implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    /** Threads answering committed batches; a batch of more than {@link #SPLIT_ABOVE} is shared between them. */
    private static final int COMPLETERS = 2;

    private static final int SPLIT_ABOVE = 4;

    /** Retries of one command that lost a dedup race against another instance. */
    private static final int DUPLICATE_KEY_ATTEMPTS = 3;

    /** Refused because the writer's queue is full (or the pipeline is stopping). */
    public static class Overloaded extends RuntimeException {
        Overloaded(String message) {
            super(message, null, false, false);
        }
    }

    private record Pending(IntakeCommand command, CompletableFuture<Applied> result) {}

    private final CommandProcessor processor;
    private final TransactionTemplate transactions;
    private final IntakeProperties properties;
    private final List<Writer> writers = new ArrayList<>();
    private ExecutorService completer;
    private final DistributionSummary batchSizes;
    private volatile boolean accepting;
    private volatile boolean running;

    IngestPipeline(
            CommandProcessor processor,
            PlatformTransactionManager transactionManager,
            IntakeProperties properties,
            MeterRegistry meters) {
        this.processor = processor;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.batchSizes = DistributionSummary.builder("klaxon.intake.batch.size")
                .description("Events committed per group-commit transaction")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        for (int i = 0; i < properties.writers(); i++) {
            writers.add(new Writer(i, new ArrayBlockingQueue<>(properties.queueCapacity())));
        }
        Gauge.builder("klaxon.intake.queue.depth", this, IngestPipeline::queueDepth)
                .description("Events waiting for a writer")
                .register(meters);
    }

    /**
     * Queues a command for its writer. The future completes after commit, or exceptionally when writing
     * failed.
     *
     * @throws Overloaded when the writer's queue is full or the pipeline is not accepting
     */
    public CompletableFuture<Applied> submit(IntakeCommand command) {
        if (!accepting) {
            throw new Overloaded("Klaxon is shutting down");
        }
        var pending = new Pending(command, new CompletableFuture<>());
        Writer writer =
                writers.get(Math.floorMod(Objects.hash(command.serviceId(), command.routingKey()), writers.size()));
        if (!writer.queue.offer(pending)) {
            throw new Overloaded("The intake queue is full");
        }
        return pending.result;
    }

    public int queueDepth() {
        int depth = 0;
        for (Writer writer : writers) {
            depth += writer.queue.size();
        }
        return depth;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        accepting = true;
        var completerNumber = new AtomicInteger();
        completer = Executors.newFixedThreadPool(COMPLETERS, task -> {
            var thread = new Thread(task, "intake-completer-" + completerNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (Writer writer : writers) {
            writer.thread = new Thread(writer, "intake-writer-" + writer.index);
            writer.thread.start();
        }
    }

    /** Stops accepting, lets the writers drain what is queued, then stops them. */
    @Override
    public synchronized void stop() {
        accepting = false;
        running = false;
        for (Writer writer : writers) {
            try {
                if (writer.thread != null) {
                    writer.thread.join(properties.submitTimeout().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (completer != null) {
            // Every committed batch was handed over before its writer ended: its requests are answered too.
            completer.shutdown();
            try {
                completer.awaitTermination(properties.submitTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after the web server (whose graceful shutdown waits for requests that wait on us) and starts
     * before it.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void write(List<Pending> batch) {
        batchSizes.record(batch.size());
        List<Applied> results;
        try {
            results = transactions.execute(status ->
                    processor.applyAll(batch.stream().map(Pending::command).toList()));
        } catch (RuntimeException e) {
            if (batch.size() > 1 || e instanceof DuplicateKeyException) {
                log.debug("Batch of {} failed, writing its events one by one", batch.size(), e);
                batch.forEach(this::writeAlone);
            } else {
                log.warn("Writing an intake event failed", e);
                batch.get(0).result.completeExceptionally(e);
            }
            return;
        }
        List<CompletableFuture<Applied>> futures =
                batch.stream().map(Pending::result).toList();
        int half = futures.size() > SPLIT_ABOVE ? futures.size() / 2 : futures.size();
        answer(futures.subList(0, half), results.subList(0, half));
        if (half < futures.size()) {
            answer(futures.subList(half, futures.size()), results.subList(half, futures.size()));
        }
    }

    private void answer(List<CompletableFuture<Applied>> futures, List<Applied> results) {
        Runnable answer = () -> {
            for (int i = 0; i < futures.size(); i++) {
                futures.get(i).complete(results.get(i));
            }
        };
        try {
            completer.execute(answer);
        } catch (RejectedExecutionException e) {
            answer.run(); // stopping: the writer answers its last batches itself
        }
    }

    private void writeAlone(Pending p) {
        for (int attempt = 1; ; attempt++) {
            try {
                p.result.complete(transactions
                        .execute(status -> processor.applyAll(List.of(p.command)))
                        .get(0));
                return;
            } catch (DuplicateKeyException e) {
                // Another instance opened the same alert concurrently; the retry sees it and repeats.
                if (attempt >= DUPLICATE_KEY_ATTEMPTS) {
                    log.warn("Intake event lost {} dedup races in a row", attempt, e);
                    p.result.completeExceptionally(e);
                    return;
                }
            } catch (RuntimeException e) {
                log.warn("Writing an intake event failed", e);
                p.result.completeExceptionally(e);
                return;
            }
        }
    }

    private final class Writer implements Runnable {
        final int index;
        final BlockingQueue<Pending> queue;
        Thread thread;

        Writer(int index, BlockingQueue<Pending> queue) {
            this.index = index;
            this.queue = queue;
        }

        @Override
        public void run() {
            List<Pending> batch = new ArrayList<>(properties.maxBatch());
            while (running || !queue.isEmpty()) {
                try {
                    Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, properties.maxBatch() - 1);
                    write(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Throwable e) {
                    log.error("Intake writer {} failed a batch", index, e);
                    batch.forEach(p -> p.result.completeExceptionally(e));
                } finally {
                    batch.clear();
                }
            }
            // Anything still queued after an interrupt is answered rather than left waiting.
            Pending left;
            while ((left = queue.poll()) != null) {
                left.result.completeExceptionally(new Overloaded("Klaxon is shutting down"));
            }
        }
    }
}
