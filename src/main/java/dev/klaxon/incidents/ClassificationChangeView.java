package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import java.time.Instant;
import java.util.UUID;

/**
 * One recorded priority or severity change.
 *
 * @param kind PRIORITY or SEVERITY
 * @param override a judgement override: more urgent than the rule-assigned priority, or more severe than the
 *     previous severity
 */
public record ClassificationChangeView(
        long id,
        UUID incidentId,
        long incidentNumber,
        String incidentTitle,
        String kind,
        String from,
        String to,
        String reason,
        boolean override,
        Actor by,
        Instant at) {}
