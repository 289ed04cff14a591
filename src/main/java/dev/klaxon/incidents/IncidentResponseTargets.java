package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import dev.klaxon.incidents.internal.IncidentStore;
import dev.klaxon.incidents.internal.ResponseTargetMetrics;
import dev.klaxon.timeline.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The response-time target a severity sets: a missed one is recorded, counted and put on the timeline once. */
@Component
class IncidentResponseTargets {

    private final IncidentStore incidents;
    private final ResponseTargetMetrics metrics;
    private final Timeline timeline;

    IncidentResponseTargets(IncidentStore incidents, ResponseTargetMetrics metrics, Timeline timeline) {
        this.incidents = incidents;
        this.metrics = metrics;
        this.timeline = timeline;
    }

    /**
     * Records and counts a missed response target the first time it is seen: at acknowledgement (or
     * resolution) after the target, or when a severity is set on an incident that is late already.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void check(UUID id, Instant now) {
        if (!incidents.recordBreachIfLate(id, now)) {
            return;
        }
        metrics.breached();
        var row = incidents.find(id).orElseThrow();
        Duration target = Duration.between(row.createdAt(), row.responseDueAt());
        Instant end = row.acknowledgedAt() != null ? row.acknowledgedAt() : row.resolvedAt();
        String message = end == null
                ? "Not acknowledged within the response target of " + Durations.human(target) + " (severity "
                        + row.severity() + ")"
                : (row.acknowledgedAt() != null ? "Acknowledged after " : "Resolved without acknowledgement after ")
                        + Durations.human(Duration.between(row.createdAt(), end)) + ", over the response target of "
                        + Durations.human(target) + " (severity " + row.severity() + ")";
        timeline.append(id, now, IncidentEntryKinds.RESPONSE_TARGET_BREACHED, Actor.SYSTEM, null, message);
    }
}
