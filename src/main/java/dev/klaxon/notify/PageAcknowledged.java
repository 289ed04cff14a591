package dev.klaxon.notify;

import java.time.Instant;
import java.util.UUID;

/** A paged person answered through the page's acknowledge link (published inside that transaction). */
public record PageAcknowledged(UUID pageId, UUID incidentId, UUID userId, PageReason reason, String role, Instant at) {}
