package dev.klaxon.oncall.internal;

import dev.klaxon.common.JdbcTime;
import dev.klaxon.oncall.LayerSpec;
import dev.klaxon.oncall.RestrictionSpec;
import dev.klaxon.oncall.RotationView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** Rows of {@code oncall_rotations}; the schedule part is one JSON document. */
@Repository
public class RotationStore {

    /** The JSON document in the {@code schedule} column. */
    record StoredSchedule(
            List<UUID> participants,
            String shiftLength,
            String handoffTime,
            String start,
            List<RestrictionSpec> restrictions,
            List<LayerSpec> layers) {}

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    RotationStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** How roles compare: trimmed, case-insensitive. */
    public static String roleKey(String role) {
        return role == null ? null : role.strip().toLowerCase(Locale.ROOT);
    }

    public void insert(RotationView r) {
        jdbc.sql("""
                INSERT INTO oncall_rotations
                    (id, team_id, name, role, role_key, time_zone, schedule, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        r.id(),
                        r.teamId(),
                        r.name(),
                        r.role(),
                        roleKey(r.role()),
                        r.timeZone(),
                        scheduleJson(r),
                        JdbcTime.toDb(r.createdAt()),
                        JdbcTime.toDb(r.updatedAt()))
                .update();
    }

    public boolean update(RotationView r) {
        return jdbc.sql("""
                        UPDATE oncall_rotations SET team_id = ?, name = ?, role = ?, role_key = ?, time_zone = ?,
                            schedule = ?, updated_at = ?
                        WHERE id = ?""")
                        .params(
                                r.teamId(),
                                r.name(),
                                r.role(),
                                roleKey(r.role()),
                                r.timeZone(),
                                scheduleJson(r),
                                JdbcTime.toDb(r.updatedAt()),
                                r.id())
                        .update()
                == 1;
    }

    public boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM oncall_rotations WHERE id = ?").param(id).update() == 1;
    }

    public Optional<RotationView> find(UUID id) {
        return jdbc.sql("SELECT * FROM oncall_rotations WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    /** Rotations, optionally of one team and/or one role (compared trimmed and case-insensitively). */
    public List<RotationView> list(UUID teamId, String role) {
        String key = role == null || role.isBlank() ? null : roleKey(role);
        var sql = new StringBuilder("SELECT * FROM oncall_rotations WHERE 1 = 1");
        var params = new java.util.ArrayList<Object>();
        if (teamId != null) {
            sql.append(" AND team_id = ?");
            params.add(teamId);
        }
        if (key != null) {
            sql.append(" AND role_key = ?");
            params.add(key);
        }
        sql.append(" ORDER BY name, id");
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    private String scheduleJson(RotationView r) {
        return json.writeValueAsString(new StoredSchedule(
                r.participants(), r.shiftLength(), r.handoffTime(), r.start(), r.restrictions(), r.layers()));
    }

    private RotationView map(ResultSet rs, int row) throws SQLException {
        StoredSchedule s = json.readValue(rs.getString("schedule"), StoredSchedule.class);
        return new RotationView(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getObject("team_id", UUID.class),
                rs.getString("role"),
                s.participants(),
                s.shiftLength(),
                s.handoffTime(),
                rs.getString("time_zone"),
                s.start(),
                s.restrictions() == null ? List.of() : s.restrictions(),
                s.layers() == null ? List.of() : s.layers(),
                JdbcTime.fromDb(rs, "created_at"),
                JdbcTime.fromDb(rs, "updated_at"));
    }
}
