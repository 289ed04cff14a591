package dev.klaxon.escalation.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * An incident's escalation. {@code pendingStep} names the one timer that may act next; any other timer of the
 * incident that comes due is stale and is cancelled. Acknowledging or resolving only changes this row, so the
 * engine and the people acting never wait on each other's locks in opposite order.
 */
public record Run(
        UUID incidentId,
        long incidentNumber,
        UUID teamId,
        UUID policyId,
        RunStatus status,
        int level,
        int cycle,
        int renotifyCount,
        String pendingStep,
        UUID acknowledgedById,
        Instant startedAt,
        Instant updatedAt) {

    Run withStep(RunStatus status, int level, int cycle, String pendingStep, Instant at) {
        return new Run(
                incidentId,
                incidentNumber,
                teamId,
                policyId,
                status,
                level,
                cycle,
                renotifyCount,
                pendingStep,
                acknowledgedById,
                startedAt,
                at);
    }

    Run withRenotify(int renotifyCount, String pendingStep, Instant at) {
        return new Run(
                incidentId,
                incidentNumber,
                teamId,
                policyId,
                status,
                level,
                cycle,
                renotifyCount,
                pendingStep,
                acknowledgedById,
                startedAt,
                at);
    }
}
