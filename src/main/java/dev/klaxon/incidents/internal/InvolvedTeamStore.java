package dev.klaxon.incidents.internal;

import dev.klaxon.common.JdbcTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Teams involved in an incident besides its owning team. */
@Repository
public class InvolvedTeamStore {

    private final JdbcClient jdbc;

    InvolvedTeamStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the team; false when it was involved already. Callers hold the incident's row lock. */
    public boolean add(UUID incidentId, UUID teamId, Instant at, String by) {
        return jdbc.sql("""
                INSERT INTO incidents_involved_teams (incident_id, team_id, added_at, added_by)
                SELECT ?, ?, ?, ? WHERE NOT EXISTS
                    (SELECT 1 FROM incidents_involved_teams WHERE incident_id = ? AND team_id = ?)""")
                        .params(incidentId, teamId, JdbcTime.toDb(at), by, incidentId, teamId)
                        .update()
                == 1;
    }

    /** The added teams of these incidents, in the order they were added. */
    public Map<UUID, List<UUID>> byIncident(Collection<UUID> incidentIds) {
        Map<UUID, List<UUID>> teams = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return teams;
        }
        jdbc.sql("SELECT incident_id, team_id FROM incidents_involved_teams WHERE incident_id IN (:ids)"
                        + " ORDER BY added_at, team_id")
                .param("ids", List.copyOf(incidentIds))
                .query(rs -> {
                    teams.computeIfAbsent(rs.getObject("incident_id", UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject("team_id", UUID.class));
                });
        return teams;
    }
}
