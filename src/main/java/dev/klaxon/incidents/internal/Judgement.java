package dev.klaxon.incidents.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The pure rules of classifying during an incident: ranks, judgement overrides and which roles become newly
 * required. No Spring, no database.
 */
public final class Judgement {

    /** The rank of values a definition does not (or no longer) list: after every listed one. */
    public static final int UNRANKED = 1000;

    private Judgement() {}

    /** Position in the ordered list (0 = most urgent / most severe); {@link #UNRANKED} when absent or null. */
    public static int rank(List<String> ordered, String value) {
        int index = value == null ? -1 : ordered.indexOf(value);
        return index < 0 ? UNRANKED : index;
    }

    /** Null for null, else the rank; what the rank columns hold. */
    public static Integer storedRank(List<String> ordered, String value) {
        return value == null ? null : rank(ordered, value);
    }

    /**
     * A manual priority more urgent than the one the rules assigned is a judgement override. Without a
     * rule-assigned priority there is nothing to override: the first priority a person sets is triage.
     */
    public static boolean isPriorityOverride(List<String> priorityOrder, String rulePriority, String to) {
        return rulePriority != null && rank(priorityOrder, to) < rank(priorityOrder, rulePriority);
    }

    /**
     * A manual severity more severe than the previous one is a judgement override (raised because, say, a key
     * customer is affected). The first severity set is the initial assessment, not an override.
     */
    public static boolean isSeverityOverride(List<String> severityOrder, String from, String to) {
        return from != null && rank(severityOrder, to) < rank(severityOrder, from);
    }

    /** Whether {@code candidate} is more urgent than {@code current} (anything beats no priority). */
    public static boolean moreUrgent(List<String> priorityOrder, String candidate, String current) {
        return current == null || rank(priorityOrder, candidate) < rank(priorityOrder, current);
    }

    /**
     * Roles to page for: required now, not required before (those were announced already) and not held by
     * anyone.
     */
    public static List<String> newlyMissing(
            Collection<String> requiredBefore, Collection<String> requiredNow, Collection<String> filled) {
        Set<String> missing = new LinkedHashSet<>(requiredNow);
        missing.removeAll(requiredBefore);
        missing.removeAll(filled);
        return List.copyOf(missing);
    }
}
