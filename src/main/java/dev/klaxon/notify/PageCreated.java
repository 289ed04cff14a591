package dev.klaxon.notify;

import java.util.UUID;

/** A new page and how many deliveries it scheduled (0 when the person has no contact method or rule). */
public record PageCreated(UUID pageId, UUID incidentId, UUID userId, String stepKey, int deliveries) {}
