package dev.klaxon.oncall.internal;

import dev.klaxon.oncall.HandOffs;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One daemon thread per instance calling {@link HandOffs#announceDue()} every poll interval; which instance
 * announces a hand-off is decided by the database claim.
 */
@Component
class HandOffWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HandOffWorker.class);

    private final HandOffs handOffs;
    private final OnCallProperties properties;
    private ScheduledExecutorService executor;

    HandOffWorker(HandOffs handOffs, OnCallProperties properties) {
        this.handOffs = handOffs;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.handoffWorkerEnabled() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "oncall-handoffs");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.handoffPollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            handOffs.announceDue();
        } catch (RuntimeException e) {
            log.warn("On-call hand-off cycle failed", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
