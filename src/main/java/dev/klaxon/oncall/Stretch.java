package dev.klaxon.oncall;

import java.time.Instant;
import java.util.UUID;

/**
 * A maximal period in which one person is on call for the same reason: the same shift of the base or of
 * one layer, or the same override. Any boundary of a shift, layer, restriction or override cuts it.
 *
 * @param layer 1-based layer number for {@link ShiftSource#LAYER}, 0 otherwise
 * @param overrideId the override for {@link ShiftSource#OVERRIDE}, null otherwise
 */
public record Stretch(
        UUID userId, Instant from, Instant until, ShiftSource source, int layer, long shift, UUID overrideId) {

    boolean continues(Stretch next) {
        return until.equals(next.from)
                && userId.equals(next.userId)
                && source == next.source
                && layer == next.layer
                && shift == next.shift
                && java.util.Objects.equals(overrideId, next.overrideId);
    }

    Stretch until(Instant end) {
        return new Stretch(userId, from, end, source, layer, shift, overrideId);
    }
}
