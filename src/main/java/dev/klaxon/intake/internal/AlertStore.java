package dev.klaxon.intake.internal;

import dev.klaxon.common.JdbcTime;
import dev.klaxon.intake.AlertStatus;
import dev.klaxon.intake.AlertView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The {@code intake_alerts} table. The unique (service_id, open_key) constraint is the source of truth for dedup. */
@Repository
public class AlertStore {

    private static final TypeReference<LinkedHashMap<String, String>> LABELS = new TypeReference<>() {};

    private static final String REPEATED =
            "UPDATE intake_alerts SET event_count = event_count + 1, last_seen = ? WHERE id = ? AND open_key IS NOT NULL";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ObjectMapper json;

    AlertStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ObjectMapper json) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
    }

    /** The open alert's identity and state. */
    /**
     * @param incidentId null when the rules recorded the alert without an incident
     * @param priority the priority the rules last gave it; null without an incident
     */
    record OpenAlert(UUID id, UUID incidentId, AlertStatus status, String priority) {

        OpenAlert withPriority(String newPriority) {
            return new OpenAlert(id, incidentId, status, newPriority);
        }
    }

    Optional<OpenAlert> findOpen(UUID serviceId, String dedupKey) {
        return jdbc.sql(
                        "SELECT id, incident_id, status, priority FROM intake_alerts WHERE service_id = ? AND open_key = ?")
                .params(serviceId, dedupKey)
                .query((rs, n) -> openAlert(rs))
                .optional();
    }

    /** A service's dedup key. */
    record AlertKey(UUID serviceId, String dedupKey) {}

    /**
     * The open alerts of these keys, by key (keys without an open alert are absent). A row-value IN list, so both
     * H2 and PostgreSQL look each key up in the (service_id, open_key) index.
     */
    Map<AlertKey, OpenAlert> findOpen(Collection<AlertKey> keys) {
        Map<AlertKey, OpenAlert> open = new HashMap<>();
        jdbc.sql("""
                SELECT service_id, open_key, id, incident_id, status, priority FROM intake_alerts
                WHERE (service_id, open_key) IN (:keys)""")
                .param(
                        "keys",
                        keys.stream()
                                .map(k -> new Object[] {k.serviceId(), k.dedupKey()})
                                .toList())
                .query(rs -> {
                    open.put(
                            new AlertKey(rs.getObject("service_id", UUID.class), rs.getString("open_key")),
                            openAlert(rs));
                });
        return open;
    }

    private static OpenAlert openAlert(ResultSet rs) throws SQLException {
        return new OpenAlert(
                rs.getObject("id", UUID.class),
                rs.getObject("incident_id", UUID.class),
                AlertStatus.valueOf(rs.getString("status")),
                rs.getString("priority"));
    }

    /**
     * A triggered alert to insert.
     *
     * @param incidentId null when the rules recorded the alert without an incident
     */
    record NewAlert(UUID id, UUID incidentId, String priority, AlertEvent event) {}

    /** Inserts triggered alerts in one batch; throws DuplicateKeyException when a key is open already. */
    void insertAll(List<NewAlert> alerts) {
        jdbcTemplate.batchUpdate("""
                INSERT INTO intake_alerts
                    (id, service_id, integration_id, dedup_key, open_key, status, incident_id, summary, source, severity,
                     component, grp, event_class, custom_details, links, images, labels, sender_timestamp,
                     event_count, first_seen, last_seen, priority)
                VALUES (?, ?, ?, ?, ?, 'TRIGGERED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)""", alerts, 500, (ps, a) -> {
            AlertEvent e = a.event();
            ps.setObject(1, a.id());
            ps.setObject(2, e.serviceId());
            ps.setObject(3, e.integrationId());
            ps.setString(4, e.dedupKey());
            ps.setString(5, e.dedupKey());
            ps.setObject(6, a.incidentId());
            ps.setString(7, e.summary());
            ps.setString(8, e.source());
            ps.setString(9, e.severity());
            ps.setString(10, e.component());
            ps.setString(11, e.group());
            ps.setString(12, e.eventClass());
            ps.setString(13, e.customDetailsJson());
            ps.setString(14, e.linksJson());
            ps.setString(15, e.imagesJson());
            ps.setString(16, e.labelsJson());
            ps.setObject(17, JdbcTime.toDb(e.senderTimestamp()));
            ps.setObject(18, JdbcTime.toDb(e.receivedAt()));
            ps.setObject(19, JdbcTime.toDb(e.receivedAt()));
            ps.setString(20, a.priority());
        });
    }

    void setPriority(UUID id, String priority) {
        jdbc.sql("UPDATE intake_alerts SET priority = ? WHERE id = ?")
                .params(priority, id)
                .update();
    }

    /** A repeat of the alert {@code id} at {@code at}. */
    record Repeat(UUID id, Instant at) {}

    /** Counts repeats in one batch; per repeat, whether its alert was still open (else nothing was counted). */
    boolean[] repeated(List<Repeat> repeats) {
        int[] counts = jdbcTemplate.batchUpdate(
                REPEATED,
                repeats.stream()
                        .map(r -> new Object[] {JdbcTime.toDb(r.at()), r.id()})
                        .toList());
        boolean[] open = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            open[i] = counts[i] == 1;
        }
        return open;
    }

    /** Triggered → acknowledged; false when it was acknowledged already. */
    boolean acknowledge(UUID id, Instant at) {
        return jdbc.sql("""
                UPDATE intake_alerts SET status = 'ACKNOWLEDGED', acknowledged_at = ?
                WHERE id = ? AND status = 'TRIGGERED'""").params(JdbcTime.toDb(at), id).update() == 1;
    }

    /** Open → resolved: frees the key, so the next trigger with it opens a new alert. */
    boolean resolve(UUID id, Instant at) {
        return jdbc.sql("""
                UPDATE intake_alerts SET status = 'RESOLVED', open_key = NULL, resolved_at = ?
                WHERE id = ? AND open_key IS NOT NULL""").params(JdbcTime.toDb(at), id).update() == 1;
    }

    /** Resolves every still-open alert of an incident (the incident was resolved); returns how many. */
    int resolveAllOf(UUID incidentId, Instant at) {
        return jdbc.sql("""
                UPDATE intake_alerts SET status = 'RESOLVED', open_key = NULL, resolved_at = ?
                WHERE incident_id = ? AND open_key IS NOT NULL""").params(JdbcTime.toDb(at), incidentId).update();
    }

    /** A service's alerts that the rules recorded without an incident, newest first. */
    public List<AlertView> listWithoutIncident(UUID serviceId, int limit) {
        return jdbc.sql(
                        "SELECT * FROM intake_alerts WHERE service_id = ? AND incident_id IS NULL ORDER BY last_seen DESC, id LIMIT ?")
                .params(serviceId, limit)
                .query(this::map)
                .list();
    }

    public List<AlertView> listForIncident(UUID incidentId) {
        return jdbc.sql("SELECT * FROM intake_alerts WHERE incident_id = ? ORDER BY first_seen, id")
                .param(incidentId)
                .query(this::map)
                .list();
    }

    public int countForService(UUID serviceId) {
        return jdbc.sql("SELECT COUNT(*) FROM intake_alerts WHERE service_id = ?")
                .param(serviceId)
                .query(Integer.class)
                .single();
    }

    private AlertView map(ResultSet rs, int row) throws SQLException {
        String labels = rs.getString("labels");
        Map<String, String> labelMap = labels == null ? Map.of() : json.readValue(labels, LABELS);
        return new AlertView(
                rs.getObject("id", UUID.class),
                rs.getObject("service_id", UUID.class),
                rs.getObject("integration_id", UUID.class),
                rs.getObject("incident_id", UUID.class),
                rs.getString("dedup_key"),
                AlertStatus.valueOf(rs.getString("status")),
                rs.getString("summary"),
                rs.getString("source"),
                rs.getString("severity"),
                rs.getInt("event_count"),
                JdbcTime.fromDb(rs, "first_seen"),
                JdbcTime.fromDb(rs, "last_seen"),
                JdbcTime.fromDb(rs, "acknowledged_at"),
                JdbcTime.fromDb(rs, "resolved_at"),
                labelMap);
    }
}
