package dev.klaxon.classification;

import java.time.Duration;

/**
 * "Fired more than {@code moreThan} times within {@code within} → {@code priority}": a rule or SLO that
 * breaks repeatedly gets a more urgent priority than one that broke once.
 */
public record FrequencyStep(int moreThan, Duration within, String priority) {}
