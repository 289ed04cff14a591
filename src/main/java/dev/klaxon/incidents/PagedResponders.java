package dev.klaxon.incidents;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Who was paged for an incident. A person paged for an incident may respond to it (acknowledge, resolve, add a note)
 * whatever their team roles: an escalation policy may page someone outside the incident's teams, and they must be
 * able to answer from the incident's page as from the page's acknowledge link. Implemented by the notify module,
 * which depends on this one.
 */
public interface PagedResponders {

    boolean wasPaged(UUID incidentId, UUID userId);

    /** Of these incidents, the ones the person was paged for. */
    Set<UUID> pagedFor(UUID userId, Collection<UUID> incidentIds);
}
