package dev.klaxon.incidents.internal;

import dev.klaxon.common.JdbcTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who holds which role on an incident now. Callers hold the incident's row lock while changing it. */
@Repository
public class RoleStore {

    /** A role held by someone. */
    public record Holder(String role, UUID userId, String userName, Instant assignedAt, String assignedBy) {}

    private final JdbcClient jdbc;

    RoleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Holder> find(UUID incidentId, String role) {
        return jdbc.sql("SELECT * FROM incidents_roles WHERE incident_id = ? AND role = ?")
                .params(incidentId, role)
                .query(RoleStore::map)
                .optional();
    }

    /** Gives the role to the user, replacing whoever held it. */
    public void assign(UUID incidentId, Holder holder) {
        jdbc.sql("DELETE FROM incidents_roles WHERE incident_id = ? AND role = ?")
                .params(incidentId, holder.role())
                .update();
        jdbc.sql("""
                INSERT INTO incidents_roles (incident_id, role, user_id, user_name, assigned_at, assigned_by)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        incidentId,
                        holder.role(),
                        holder.userId(),
                        holder.userName(),
                        JdbcTime.toDb(holder.assignedAt()),
                        holder.assignedBy())
                .update();
    }

    public boolean unassign(UUID incidentId, String role) {
        return jdbc.sql("DELETE FROM incidents_roles WHERE incident_id = ? AND role = ?")
                        .params(incidentId, role)
                        .update()
                == 1;
    }

    public List<Holder> list(UUID incidentId) {
        return byIncident(List.of(incidentId)).getOrDefault(incidentId, List.of());
    }

    public Map<UUID, List<Holder>> byIncident(Collection<UUID> incidentIds) {
        Map<UUID, List<Holder>> holders = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return holders;
        }
        jdbc.sql("SELECT * FROM incidents_roles WHERE incident_id IN (:ids) ORDER BY assigned_at, role")
                .param("ids", List.copyOf(incidentIds))
                .query(rs -> {
                    holders.computeIfAbsent(rs.getObject("incident_id", UUID.class), k -> new ArrayList<>())
                            .add(map(rs, 0));
                });
        return holders;
    }

    private static Holder map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Holder(
                rs.getString("role"),
                rs.getObject("user_id", UUID.class),
                rs.getString("user_name"),
                JdbcTime.fromDb(rs, "assigned_at"),
                rs.getString("assigned_by"));
    }
}
