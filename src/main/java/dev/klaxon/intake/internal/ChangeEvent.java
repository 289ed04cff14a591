package dev.klaxon.intake.internal;

import java.time.Instant;
import java.util.UUID;

/** A change event to store; it never touches incidents. */
public record ChangeEvent(
        UUID id,
        UUID integrationId,
        UUID serviceId,
        String summary,
        String source,
        Instant timestamp,
        String customDetailsJson,
        String linksJson,
        Instant receivedAt)
        implements IntakeCommand {

    @Override
    public String routingKey() {
        return id.toString();
    }
}
