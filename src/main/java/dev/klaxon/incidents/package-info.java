/**
 * Incidents: their lifecycle (triggered → acknowledged → resolved), the process steps they went through
 * and their timeline. Intake opens and feeds incidents through {@link dev.klaxon.incidents.IncidentSignals};
 * people act on them through {@link dev.klaxon.incidents.Incidents}; other modules react to the
 * {@code Incident*} events.
 */
package dev.klaxon.incidents;
