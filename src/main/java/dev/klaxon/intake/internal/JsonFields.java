package dev.klaxon.intake.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import tools.jackson.databind.JsonNode;

/** Small readers for JSON tree fields; JSON {@code null} counts as absent. */
final class JsonFields {

    /**
     * ISO 8601 date-time with an offset written as {@code Z}, {@code +00:00} or {@code +0000} (PagerDuty's
     * own examples use the last); without an offset the time is taken as UTC.
     */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH", "Z")
            .optionalEnd()
            .toFormatter();

    private JsonFields() {}

    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    static JsonNode get(JsonNode parent, String name) {
        if (parent == null || !parent.isObject()) {
            return null;
        }
        JsonNode node = parent.get(name);
        return absent(node) ? null : node;
    }

    /** Length in characters as a person counts them (code points), not UTF-16 units. */
    static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    static String truncate(String value, int maxCodePoints) {
        if (value == null || length(value) <= maxCodePoints) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, maxCodePoints));
    }

    /** Parses a timestamp; null when it is not one. */
    static Instant parseTimestamp(String value) {
        try {
            TemporalAccessor parsed = TIMESTAMP.parse(value.strip());
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(parsed).toInstant();
            }
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
