package dev.klaxon.oncall.internal;

import dev.klaxon.common.BackgroundLoop;
import dev.klaxon.oncall.HandOffs;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One daemon thread per instance calling {@link HandOffs#announceDue()} every poll interval; which instance
 * announces a hand-off is decided by the database claim.
 */
@Component
class HandOffWorker implements SmartLifecycle {

    private final OnCallProperties properties;
    private final BackgroundLoop loop;

    HandOffWorker(HandOffs handOffs, OnCallProperties properties) {
        this.properties = properties;
        this.loop = BackgroundLoop.every("oncall-handoffs", properties.handoffPollInterval(), handOffs::announceDue);
    }

    @Override
    public void start() {
        if (properties.handoffWorkerEnabled()) {
            loop.start();
        }
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
