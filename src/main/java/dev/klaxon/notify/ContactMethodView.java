package dev.klaxon.notify;

import java.time.Instant;
import java.util.UUID;

/** One way to reach a person; {@code type} is {@code email}, {@code webhook}, {@code slack}, {@code sms} or {@code voice}. */
public record ContactMethodView(UUID id, UUID userId, String type, String address, String label, Instant createdAt) {}
