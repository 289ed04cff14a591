package dev.klaxon.classification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The priority an SLO's breaches get from {@code validFrom} on: exactly one priority, or none (null), in
 * which case the error-budget fallback decides.
 */
public record SloPriority(UUID sloId, String priority, List<FrequencyStep> frequency, Instant validFrom, String setBy) {

    public SloPriority {
        frequency = frequency == null ? List.of() : List.copyOf(frequency);
    }
}
