package dev.klaxon.slo.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.slo.AlertingSettings;
import dev.klaxon.slo.SliQueries;
import dev.klaxon.slo.SloView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** SLO definitions and their schedule row. The priority lives in the classification module. */
@Repository
public class SloStore {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    /**
     * Parsed alerting settings by their JSON: most SLOs share a few (the defaults), and parsing them for every SLO
     * of every evaluation cycle was a tenth of the cycle. Settings are immutable records, so sharing is safe.
     */
    private final Cache<String, AlertingSettings> alerting =
            Caffeine.newBuilder().maximumSize(1_000).build();

    SloStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(SloView slo, Instant firstEvaluation) {
        jdbc.sql("""
                INSERT INTO slo_slos (id, service_id, name, description, sli_kind, sli_ratio, objective, window_spec,
                    stakeholder_groups, alerting, good_query, bad_query, total_query, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        slo.id(),
                        slo.serviceId(),
                        slo.name(),
                        slo.description(),
                        slo.sliKind(),
                        slo.sliRatio(),
                        slo.objective(),
                        slo.window(),
                        json.writeValueAsString(slo.stakeholderGroups()),
                        json.writeValueAsString(slo.alerting()),
                        query(slo, SliQueries::goodQuery),
                        query(slo, SliQueries::badQuery),
                        query(slo, SliQueries::totalQuery),
                        JdbcTime.toDb(slo.createdAt()),
                        JdbcTime.toDb(slo.updatedAt()))
                .update();
        jdbc.sql("INSERT INTO slo_schedule (slo_id, next_evaluation_at) VALUES (?, ?)")
                .params(slo.id(), JdbcTime.toDb(firstEvaluation))
                .update();
    }

    public void update(SloView slo) {
        jdbc.sql("""
                UPDATE slo_slos SET name = ?, description = ?, sli_kind = ?, sli_ratio = ?, objective = ?,
                    window_spec = ?, stakeholder_groups = ?, alerting = ?, good_query = ?, bad_query = ?,
                    total_query = ?, updated_at = ?
                WHERE id = ?""")
                .params(
                        slo.name(),
                        slo.description(),
                        slo.sliKind(),
                        slo.sliRatio(),
                        slo.objective(),
                        slo.window(),
                        json.writeValueAsString(slo.stakeholderGroups()),
                        json.writeValueAsString(slo.alerting()),
                        query(slo, SliQueries::goodQuery),
                        query(slo, SliQueries::badQuery),
                        query(slo, SliQueries::totalQuery),
                        JdbcTime.toDb(slo.updatedAt()),
                        slo.id())
                .update();
    }

    /** Removes the SLO, its data, schedule and condition states; breaches stay as history. */
    public boolean delete(UUID id) {
        jdbc.sql("DELETE FROM slo_buckets WHERE slo_id = ?").param(id).update();
        jdbc.sql("DELETE FROM slo_schedule WHERE slo_id = ?").param(id).update();
        jdbc.sql("DELETE FROM slo_condition_states WHERE slo_id = ?").param(id).update();
        jdbc.sql("DELETE FROM slo_pull_state WHERE slo_id = ?").param(id).update();
        return jdbc.sql("DELETE FROM slo_slos WHERE id = ?").param(id).update() == 1;
    }

    public Optional<SloView> find(UUID id) {
        return jdbc.sql("SELECT * FROM slo_slos WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    /** The SLOs with these ids that exist (in no particular order). */
    public List<SloView> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM slo_slos WHERE id IN (:ids)")
                .param("ids", ids)
                .query(this::map)
                .list();
    }

    public List<SloView> list(UUID serviceId) {
        if (serviceId == null) {
            return jdbc.sql("SELECT * FROM slo_slos ORDER BY name, id")
                    .query(this::map)
                    .list();
        }
        return jdbc.sql("SELECT * FROM slo_slos WHERE service_id = ? ORDER BY name, id")
                .param(serviceId)
                .query(this::map)
                .list();
    }

    private static String query(SloView slo, Function<SliQueries, String> which) {
        return slo.queries() == null ? null : which.apply(slo.queries());
    }

    private SloView map(ResultSet rs, int row) throws SQLException {
        return new SloView(
                rs.getObject("id", UUID.class),
                rs.getObject("service_id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("sli_kind"),
                rs.getString("sli_ratio"),
                rs.getDouble("objective"),
                rs.getString("window_spec"),
                null,
                List.of(),
                Arrays.asList(json.readValue(rs.getString("stakeholder_groups"), String[].class)),
                alerting.get(rs.getString("alerting"), text -> json.readValue(text, AlertingSettings.class)),
                SliQueries.ofNullable(
                        rs.getString("good_query"), rs.getString("bad_query"), rs.getString("total_query")),
                JdbcTime.fromDb(rs, "created_at"),
                JdbcTime.fromDb(rs, "updated_at"));
    }
}
