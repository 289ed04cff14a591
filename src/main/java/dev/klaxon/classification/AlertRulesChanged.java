package dev.klaxon.classification;

import java.util.UUID;

/** A service's alert rules or default changed; caches of them must be refreshed. */
public record AlertRulesChanged(UUID serviceId) {}
