package dev.klaxon.escalation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where an incident's escalation stands.
 *
 * @param status ACTIVE (paging level by level), EXHAUSTED (every level paged), ACKNOWLEDGED, RESOLVED
 * @param level the level paged last (0 before the first step ran)
 * @param cycle the repeat the last step belonged to (0 = first pass)
 * @param pendingStep the step that comes next, if any; its due time is in {@code steps}
 */
public record EscalationView(
        UUID incidentId,
        UUID policyId,
        String policyName,
        String status,
        int level,
        int cycle,
        String pendingStep,
        Instant startedAt,
        List<Step> steps) {

    /**
     * @param outcome PAGED, NOBODY (no one to page at any remaining level), CANCELLED (acknowledged, resolved or
     *     superseded before it came due), or null while pending
     * @param stagedAt when its pages were written ahead of its due time, or null (see docs/escalation.md)
     */
    public record Step(
            String stepKey,
            String kind,
            int level,
            int cycle,
            Instant dueAt,
            Instant stagedAt,
            Instant doneAt,
            String outcome) {}
}
