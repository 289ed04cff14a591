package dev.klaxon.incidents;

import java.util.List;

/**
 * Incidents opened together, in one transaction (the alerts of one intake batch); listeners can write what
 * each needs in one batch for all of them.
 */
public record IncidentsOpened(List<IncidentOpened> incidents) {

    public IncidentsOpened {
        incidents = List.copyOf(incidents);
    }
}
