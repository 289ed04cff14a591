package dev.klaxon.oncall;

import java.time.Instant;
import java.util.UUID;

/** Returned once, right after creation: the only time the secret feed URL can be read. */
public record CreatedCalendarFeed(UUID id, String kind, UUID subjectId, String url, Instant createdAt) {}
