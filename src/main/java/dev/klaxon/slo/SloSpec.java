package dev.klaxon.slo;

import dev.klaxon.classification.FrequencyStep;
import java.util.List;
import java.util.UUID;

/**
 * What a person or script says an SLO is (create, or replace as a whole). Null alerting: the multi-window,
 * multi-burn-rate defaults; null sliKind: availability; null sliRatio: good.
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
        AlertingSettings alerting) {}
