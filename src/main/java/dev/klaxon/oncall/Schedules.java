package dev.klaxon.oncall;

import dev.klaxon.oncall.internal.OverrideStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Builds the arithmetic of a stored rotation with the overrides that can matter from an instant on. */
@Component
class Schedules {

    /** Overrides last at most this long, so older ones cannot shape anything at or after {@code from}. */
    static final Duration OVERRIDE_REACH = Duration.ofDays(400);

    private final OverrideStore overrides;

    Schedules(OverrideStore overrides) {
        this.overrides = overrides;
    }

    RotationSchedule of(RotationView rotation, Instant from) {
        List<Cover> covers = overrides.activeEndingAfter(rotation.id(), from.minus(OVERRIDE_REACH)).stream()
                .map(o -> new Cover(o.id(), o.userId(), o.replacesUserId(), o.from(), o.until()))
                .toList();
        return RotationValidation.schedule(rotation, covers);
    }
}
