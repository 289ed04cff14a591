package dev.klaxon.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Something a person should know that needs no answer (a shift hand-off): sent to every contact method of the
 * user at once, once per (dedupKey, user, method).
 */
public record Notice(UUID userId, String dedupKey, String subject, String text, Instant at) {

    public Notice {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        if (dedupKey.isBlank() || dedupKey.length() > 300) {
            throw new IllegalArgumentException("dedupKey must have 1 to 300 characters");
        }
    }
}
