package dev.klaxon.classification;

import java.time.Instant;

/** One saved state of the classification definition; versions only grow and are never changed. */
public record ClassificationVersion(
        int version, ClassificationDefinition definition, Instant createdAt, String createdBy) {}
