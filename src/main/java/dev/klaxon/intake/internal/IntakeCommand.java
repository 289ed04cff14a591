package dev.klaxon.intake.internal;

import java.time.Instant;
import java.util.UUID;

/** An accepted, validated event on its way to the database; immutable, handed from a request to a writer. */
public sealed interface IntakeCommand permits AlertEvent, ChangeEvent {

    UUID serviceId();

    /** Routes the command to its writer: events about one alert are written by one writer, in order. */
    String routingKey();

    Instant receivedAt();
}
