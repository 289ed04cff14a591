package dev.klaxon.oncall;

import dev.klaxon.oncall.internal.HandOffStore;
import dev.klaxon.oncall.internal.RotationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces hand-offs: whenever the person on call for a rotation changes, one {@link ShiftHandedOff} is
 * published, across all instances. Each rotation has a row holding its next change not yet announced;
 * {@link #announceDue()} claims due rows with {@code FOR UPDATE SKIP LOCKED}, publishes and moves the row on
 * to the next change, all in one transaction. After downtime spanning several changes only the latest is
 * announced: the people who matter are the ones on call now.
 */
@Service
public class HandOffs {

    /** How far ahead the next change is searched; without one the row is re-checked after this time. */
    static final Duration LOOKAHEAD = Duration.ofDays(30);

    private static final int BATCH = 50;

    private final HandOffStore store;
    private final RotationStore rotations;
    private final Schedules schedules;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    HandOffs(
            HandOffStore store,
            RotationStore rotations,
            Schedules schedules,
            ApplicationEventPublisher events,
            TransactionTemplate tx,
            Clock clock) {
        this.store = store;
        this.rotations = rotations;
        this.schedules = schedules;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Publishes a {@link ShiftHandedOff} for every rotation whose next change of person has passed, and
     * schedules the one after. Safe to call concurrently, from any number of instances; returns how many
     * hand-offs this call announced.
     */
    public int announceDue() {
        int announced = 0;
        while (true) {
            Instant now = clock.instant();
            int[] batch = tx.execute(status -> {
                List<HandOffStore.Due> due = store.claimDue(now, BATCH);
                int count = 0;
                for (HandOffStore.Due d : due) {
                    count += announce(d, now) ? 1 : 0;
                }
                return new int[] {due.size(), count};
            });
            announced += batch[1];
            if (batch[0] < BATCH) {
                return announced;
            }
        }
    }

    private boolean announce(HandOffStore.Due due, Instant now) {
        var rotation = rotations.find(due.rotationId());
        if (rotation.isEmpty()) {
            return false;
        }
        RotationView r = rotation.get();
        RotationSchedule schedule = schedules.of(r, due.nextAt().minus(Duration.ofDays(1)));
        List<RotationSchedule.Change> passed = schedule.changes(due.nextAt(), now);
        Instant next = next(schedule, now);
        if (passed.isEmpty()) {
            store.advance(r.id(), due.nextAt(), next, null);
            return false;
        }
        RotationSchedule.Change latest = passed.get(passed.size() - 1);
        if (!store.advance(r.id(), due.nextAt(), next, latest.at())) {
            return false;
        }
        events.publishEvent(new ShiftHandedOff(
                r.id(), r.name(), r.teamId(), r.role(), latest.outgoingUserId(), latest.incomingUserId(), latest.at()));
        return true;
    }

    void rotationCreated(RotationView rotation) {
        Instant now = clock.instant();
        store.insert(rotation.id(), next(schedules.of(rotation, now), now));
    }

    void rotationChanged(RotationView rotation) {
        Instant now = clock.instant();
        store.reschedule(rotation.id(), now, next(schedules.of(rotation, now), now));
    }

    void overridesChanged(UUID rotationId) {
        rotations.find(rotationId).ifPresent(this::rotationChanged);
    }

    private static Instant next(RotationSchedule schedule, Instant now) {
        Instant limit = now.plus(LOOKAHEAD);
        return schedule.nextChange(now, limit).map(RotationSchedule.Change::at).orElse(limit);
    }
}
