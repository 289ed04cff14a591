package dev.klaxon.incidents.web;

import dev.klaxon.common.InvalidInputException;
import dev.klaxon.incidents.IncidentSort;
import java.util.Locale;

/** The {@code sort} request parameter: priority, severity or created (the default). */
final class IncidentSorts {

    private IncidentSorts() {}

    static IncidentSort parse(String sort) {
        if (sort == null || sort.isBlank()) {
            return IncidentSort.CREATED;
        }
        try {
            return IncidentSort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("sort", "must be priority, severity or created");
        }
    }
}
