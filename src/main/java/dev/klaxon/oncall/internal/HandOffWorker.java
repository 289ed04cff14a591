package dev.klaxon.oncall.internal;

import dev.klaxon.common.BackgroundWork;
import dev.klaxon.oncall.HandOffs;
import org.springframework.stereotype.Component;

/** Announces passed hand-offs every poll interval; which instance announces one is decided by the database claim. */
@Component
class HandOffWorker extends BackgroundWork {

    private final HandOffs handOffs;

    HandOffWorker(HandOffs handOffs, OnCallProperties properties) {
        super("oncall-handoffs", properties.worker());
        this.handOffs = handOffs;
    }

    @Override
    protected int runDue() {
        return handOffs.announceDue();
    }
}
