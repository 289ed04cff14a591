package dev.klaxon.slo;

import dev.klaxon.classification.FrequencyStep;
import java.util.List;
import java.util.UUID;

/**
 * What a person or script says an SLO is (create, or replace as a whole). Null alerting: the multi-window,
 * multi-burn-rate defaults; null sliKind: availability; null sliRatio: good; null queries: events are pushed,
 * else they are pulled from Prometheus.
 */
public record SloSpec(
        UUID serviceId,
        String name,
        String description,
        String sliKind,
        String sliRatio,
        Double objective,
        String window,
        String priority,
        List<FrequencyStep> priorityFrequency,
        List<String> stakeholderGroups,
        AlertingSettings alerting,
        SliQueries queries) {

    /** A spec without PromQL queries (events are pushed). */
    public SloSpec(
            UUID serviceId,
            String name,
            String description,
            String sliKind,
            String sliRatio,
            Double objective,
            String window,
            String priority,
            List<FrequencyStep> priorityFrequency,
            List<String> stakeholderGroups,
            AlertingSettings alerting) {
        this(
                serviceId,
                name,
                description,
                sliKind,
                sliRatio,
                objective,
                window,
                priority,
                priorityFrequency,
                stakeholderGroups,
                alerting,
                null);
    }
}
