package dev.klaxon.incidents.internal;

import dev.klaxon.incidents.IncidentView.ResponseTarget;
import dev.klaxon.incidents.ResponseTargetStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Time to acknowledge against the severity's response target. The response ends with the acknowledgement,
 * or with the resolution for an incident resolved without one. Exactly on the target is met. A breach once
 * recorded stays: lowering the severity afterwards does not unmake a missed target.
 */
public final class ResponseTargets {

    private ResponseTargets() {}

    public static ResponseTarget of(
            Duration target,
            Instant createdAt,
            Instant acknowledgedAt,
            Instant resolvedAt,
            boolean breachRecorded,
            Instant now) {
        Duration acknowledgedAfter = acknowledgedAt == null ? null : Duration.between(createdAt, acknowledgedAt);
        if (target == null) {
            return new ResponseTarget(
                    null,
                    breachRecorded ? ResponseTargetStatus.BREACHED : ResponseTargetStatus.NONE,
                    acknowledgedAfter);
        }
        Instant end = acknowledgedAt != null ? acknowledgedAt : resolvedAt;
        ResponseTargetStatus status;
        if (end != null) {
            status = breachRecorded || Duration.between(createdAt, end).compareTo(target) > 0
                    ? ResponseTargetStatus.BREACHED
                    : ResponseTargetStatus.MET;
        } else {
            status = breachRecorded || Duration.between(createdAt, now).compareTo(target) > 0
                    ? ResponseTargetStatus.BREACHED
                    : ResponseTargetStatus.PENDING;
        }
        return new ResponseTarget(target, status, acknowledgedAfter);
    }
}
