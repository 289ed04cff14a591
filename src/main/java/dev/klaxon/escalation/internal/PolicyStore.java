package dev.klaxon.escalation.internal;

import dev.klaxon.common.JdbcTime;
import dev.klaxon.escalation.EscalationLevel;
import dev.klaxon.escalation.EscalationPolicy;
import dev.klaxon.escalation.EscalationTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The policy tables: a policy row, its levels and their targets, always written and read as a whole. */
@Repository
public class PolicyStore {

    /** The policy services use when they name none; created by the migration, never deleted. */
    public static final UUID DEFAULT_POLICY_ID = UUID.fromString("00000000-0000-0000-0000-0000000e5ca1");

    private final JdbcClient jdbc;

    PolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(EscalationPolicy policy) {
        jdbc.sql("""
                INSERT INTO escalation_policies
                    (id, team_id, name, description, repeat_count, renotify_after_ack_seconds, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        policy.id(),
                        policy.teamId(),
                        policy.name(),
                        policy.description(),
                        policy.repeat(),
                        seconds(policy.renotifyAfterAck()),
                        JdbcTime.toDb(policy.createdAt()),
                        JdbcTime.toDb(policy.updatedAt()))
                .update();
        insertLevels(policy);
    }

    public void replace(EscalationPolicy policy) {
        jdbc.sql("""
                UPDATE escalation_policies
                SET team_id = ?, name = ?, description = ?, repeat_count = ?, renotify_after_ack_seconds = ?,
                    updated_at = ?
                WHERE id = ?""")
                .params(
                        policy.teamId(),
                        policy.name(),
                        policy.description(),
                        policy.repeat(),
                        seconds(policy.renotifyAfterAck()),
                        JdbcTime.toDb(policy.updatedAt()),
                        policy.id())
                .update();
        jdbc.sql("DELETE FROM escalation_targets WHERE policy_id = ?")
                .param(policy.id())
                .update();
        jdbc.sql("DELETE FROM escalation_levels WHERE policy_id = ?")
                .param(policy.id())
                .update();
        insertLevels(policy);
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM escalation_targets WHERE policy_id = ?").param(id).update();
        jdbc.sql("DELETE FROM escalation_levels WHERE policy_id = ?").param(id).update();
        jdbc.sql("DELETE FROM escalation_policies WHERE id = ?").param(id).update();
    }

    public Optional<EscalationPolicy> find(UUID id) {
        return load(jdbc.sql("SELECT * FROM escalation_policies WHERE id = ?")
                        .param(id)
                        .query(PolicyStore::header)
                        .list())
                .stream()
                .findFirst();
    }

    public List<EscalationPolicy> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return load(jdbc.sql("SELECT * FROM escalation_policies WHERE id IN (:ids)")
                .param("ids", ids)
                .query(PolicyStore::header)
                .list());
    }

    public List<EscalationPolicy> list() {
        return load(jdbc.sql("SELECT * FROM escalation_policies ORDER BY name")
                .query(PolicyStore::header)
                .list());
    }

    public boolean nameTaken(String name, UUID exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM escalation_policies WHERE LOWER(name) = LOWER(?) AND id <> ?")
                        .params(name, exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private void insertLevels(EscalationPolicy policy) {
        for (int l = 0; l < policy.levels().size(); l++) {
            EscalationLevel level = policy.levels().get(l);
            jdbc.sql("INSERT INTO escalation_levels (policy_id, position, timeout_seconds) VALUES (?, ?, ?)")
                    .params(policy.id(), l + 1, seconds(level.timeout()))
                    .update();
            for (int t = 0; t < level.targets().size(); t++) {
                EscalationTarget target = level.targets().get(t);
                jdbc.sql("""
                        INSERT INTO escalation_targets
                            (policy_id, level_position, position, type, target_id, team_id, role)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                        .params(
                                policy.id(),
                                l + 1,
                                t + 1,
                                target.type().name(),
                                target.id(),
                                target.teamId(),
                                target.role())
                        .update();
            }
        }
    }

    private record Header(
            UUID id,
            UUID teamId,
            String name,
            String description,
            int repeat,
            Integer renotifySeconds,
            Instant createdAt,
            Instant updatedAt) {}

    private static Header header(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Header(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                rs.getInt("repeat_count"),
                (Integer) rs.getObject("renotify_after_ack_seconds", Integer.class),
                JdbcTime.fromDb(rs, "created_at"),
                JdbcTime.fromDb(rs, "updated_at"));
    }

    private List<EscalationPolicy> load(List<Header> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = headers.stream().map(Header::id).toList();
        Map<UUID, Map<Integer, Duration>> timeouts = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM escalation_levels WHERE policy_id IN (:ids) ORDER BY policy_id, position")
                .param("ids", ids)
                .query(rs -> {
                    timeouts.computeIfAbsent(rs.getObject("policy_id", UUID.class), k -> new LinkedHashMap<>())
                            .put(rs.getInt("position"), Duration.ofSeconds(rs.getInt("timeout_seconds")));
                });
        Map<UUID, Map<Integer, List<EscalationTarget>>> targets = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT * FROM escalation_targets WHERE policy_id IN (:ids)
                ORDER BY policy_id, level_position, position""").param("ids", ids).query(rs -> {
            targets.computeIfAbsent(rs.getObject("policy_id", UUID.class), k -> new LinkedHashMap<>())
                    .computeIfAbsent(rs.getInt("level_position"), k -> new ArrayList<>())
                    .add(new EscalationTarget(
                            EscalationTarget.Type.valueOf(rs.getString("type")),
                            rs.getObject("target_id", UUID.class),
                            rs.getObject("team_id", UUID.class),
                            rs.getString("role")));
        });
        return headers.stream()
                .map(h -> new EscalationPolicy(
                        h.id(),
                        h.teamId(),
                        h.name(),
                        h.description(),
                        h.repeat(),
                        h.renotifySeconds() == null ? null : Duration.ofSeconds(h.renotifySeconds()),
                        timeouts.getOrDefault(h.id(), Map.of()).entrySet().stream()
                                .map(e -> new EscalationLevel(
                                        e.getValue(),
                                        targets.getOrDefault(h.id(), Map.of()).getOrDefault(e.getKey(), List.of())))
                                .toList(),
                        h.id().equals(DEFAULT_POLICY_ID),
                        h.createdAt(),
                        h.updatedAt()))
                .toList();
    }

    private static Integer seconds(Duration duration) {
        return duration == null ? null : Math.toIntExact(duration.toSeconds());
    }
}
