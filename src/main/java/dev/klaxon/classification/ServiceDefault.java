package dev.klaxon.classification;

import java.time.Instant;

/**
 * What a service's alerts get when no rule matches.
 *
 * @param opensIncident false: record such alerts, open nothing
 * @param priority the priority when an incident is opened; null means the least urgent priority in force
 */
public record ServiceDefault(boolean opensIncident, String priority, Instant updatedAt, String updatedBy) {}
