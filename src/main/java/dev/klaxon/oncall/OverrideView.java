package dev.klaxon.oncall;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone covering a period of a rotation. {@code replacesUserId} null: whoever is on call is replaced.
 * A swap is two overrides with the same {@code swapId}. Cancelled overrides stay listed with who cancelled.
 */
public record OverrideView(
        UUID id,
        UUID rotationId,
        UUID userId,
        UUID replacesUserId,
        Instant from,
        Instant until,
        UUID swapId,
        UUID createdById,
        String createdBy,
        Instant createdAt,
        String cancelledBy,
        Instant cancelledAt) {

    public boolean active() {
        return cancelledAt == null;
    }
}
