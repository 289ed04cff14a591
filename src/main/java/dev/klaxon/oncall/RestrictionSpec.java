package dev.klaxon.oncall;

import java.util.List;

/**
 * A restriction as sent and shown: {@code {"days":["MON","TUE"],"from":"08:00","to":"16:00"}}, local to the
 * rotation's zone; {@code days} empty or absent means every day; {@code to <= from} runs past midnight.
 */
public record RestrictionSpec(List<String> days, String from, String to) {}
