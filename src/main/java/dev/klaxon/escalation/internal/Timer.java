package dev.klaxon.escalation.internal;

import dev.klaxon.common.Ids;
import java.time.Instant;
import java.util.UUID;

/** A durable wake-up for one step of an incident's escalation. */
public record Timer(UUID id, UUID incidentId, String stepKey, Kind kind, int level, int cycle, Instant dueAt) {

    public enum Kind {
        STEP,
        RENOTIFY
    }

    static String stepKey(int level, int cycle) {
        return "L" + level + ".C" + cycle;
    }

    static String renotifyKey(int n) {
        return "R" + n;
    }

    static Timer step(UUID incidentId, int level, int cycle, Instant dueAt) {
        return new Timer(Ids.timeOrdered(), incidentId, stepKey(level, cycle), Kind.STEP, level, cycle, dueAt);
    }

    static Timer renotify(UUID incidentId, int n, Instant dueAt) {
        return new Timer(Ids.timeOrdered(), incidentId, renotifyKey(n), Kind.RENOTIFY, 0, n, dueAt);
    }
}
