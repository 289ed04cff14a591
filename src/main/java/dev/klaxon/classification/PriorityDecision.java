package dev.klaxon.classification;

/**
 * What the rules say about a new signal.
 *
 * @param openIncident false when a rule says "record the alert, open nothing"
 * @param priority the priority to open the incident with; null only when no incident is opened
 * @param reason for the timeline, e.g. "P2 by rule 'checkout availability'"
 * @param classificationVersion the definition version the decision was made under
 */
public record PriorityDecision(boolean openIncident, String priority, String reason, int classificationVersion) {}
