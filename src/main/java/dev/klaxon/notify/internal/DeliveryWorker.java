package dev.klaxon.notify.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One background thread per instance (when {@code klaxon.notify.worker-enabled}) that sends due deliveries every
 * poll interval, and at once when {@link #wake()} is called after a transaction that created deliveries commits.
 * Which instance sends a delivery is decided by the claim in the database.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Outbox outbox;
    private final NotifyProperties properties;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;
    private volatile Thread thread;

    DeliveryWorker(Outbox outbox, NotifyProperties properties) {
        this.outbox = outbox;
        this.properties = properties;
    }

    /** Asks the loop to look for due deliveries now (a no-op when the loop does not run). */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public synchronized void start() {
        if (!properties.workerEnabled() || thread != null) {
            return;
        }
        var loop = new Thread(this::run, "notify-deliveries");
        loop.setDaemon(true);
        thread = loop;
        loop.start();
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            try {
                outbox.sendDue();
            } catch (RuntimeException e) {
                log.warn("Delivery round failed", e);
            }
            lock.lock();
            try {
                if (!woken) {
                    signal.await(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
                woken = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
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

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
