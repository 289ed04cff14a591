package dev.klaxon.slo;

import dev.klaxon.classification.FrequencyStep;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An SLO as defined.
 *
 * @param sliKind availability, latency, correctness, freshness, throughput (or any other lowercase word)
 * @param sliRatio "good" (good ÷ total) or "bad" (bad ÷ total): how the SLI is stated; events may carry either
 * @param objective in percent, above 0 and below 100
 * @param window {@code P28D} (rolling days) or {@code month} (calendar month, UTC)
 * @param priority the incident priority its breaches get now (null: none, the error-budget fallback decides)
 * @param priorityFrequency steps that raise the priority when the SLO breaks often
 * @param queries PromQL the counts are pulled with; null: counts are pushed
 */
public record SloView(
        UUID id,
        UUID serviceId,
        String name,
        String description,
        String sliKind,
        String sliRatio,
        double objective,
        String window,
        String priority,
        List<FrequencyStep> priorityFrequency,
        List<String> stakeholderGroups,
        AlertingSettings alerting,
        SliQueries queries,
        Instant createdAt,
        Instant updatedAt) {

    public SloWindow sloWindow() {
        return SloWindow.parse(window);
    }

    public SloView withPriority(String priority, List<FrequencyStep> frequency) {
        return new SloView(
                id,
                serviceId,
                name,
                description,
                sliKind,
                sliRatio,
                objective,
                window,
                priority,
                frequency,
                stakeholderGroups,
                alerting,
                queries,
                createdAt,
                updatedAt);
    }
}
