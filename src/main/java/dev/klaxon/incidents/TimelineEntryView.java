package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import java.time.Instant;

/**
 * One line of an incident's timeline.
 *
 * @param count how many occurrences the line stands for (above 1 for folded alert repeats)
 * @param lastAt when the last folded occurrence happened
 */
public record TimelineEntryView(
        long id, Instant at, String kind, Actor actor, String subject, String message, int count, Instant lastAt) {}
