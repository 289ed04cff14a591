package dev.klaxon.classification.internal;

import dev.klaxon.classification.AlertRule;
import dev.klaxon.classification.FrequencyStep;
import dev.klaxon.classification.RuleCondition;
import dev.klaxon.classification.ServiceDefault;
import dev.klaxon.common.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Alert rules and service defaults; conditions and frequency steps are stored as JSON. */
@Repository
public class AlertRuleStore {

    private final JdbcClient jdbc;
    private final ClassificationFormat format;

    AlertRuleStore(JdbcClient jdbc, ClassificationFormat format) {
        this.jdbc = jdbc;
        this.format = format;
    }

    public List<AlertRule> list(UUID serviceId) {
        return jdbc.sql("SELECT * FROM classification_alert_rules WHERE service_id = ? ORDER BY position, created_at")
                .param(serviceId)
                .query(this::map)
                .list();
    }

    public Optional<AlertRule> find(UUID id) {
        return jdbc.sql("SELECT * FROM classification_alert_rules WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    /** Locks the service's rules so concurrent edits of its order serialise. */
    public List<AlertRule> lockAll(UUID serviceId) {
        return jdbc.sql("SELECT * FROM classification_alert_rules WHERE service_id = ? ORDER BY position FOR UPDATE")
                .param(serviceId)
                .query(this::map)
                .list();
    }

    public void insert(AlertRule rule) {
        jdbc.sql("""
                INSERT INTO classification_alert_rules
                    (id, service_id, position, name, conditions, priority, frequency, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        rule.id(),
                        rule.serviceId(),
                        rule.position(),
                        rule.name(),
                        format.toJson(rule.conditions()),
                        rule.priority(),
                        format.toJson(rule.frequency()),
                        JdbcTime.toDb(rule.createdAt()))
                .update();
    }

    public void update(AlertRule rule) {
        jdbc.sql("""
                UPDATE classification_alert_rules SET name = ?, conditions = ?, priority = ?, frequency = ?, position = ?
                WHERE id = ?""")
                .params(
                        rule.name(),
                        format.toJson(rule.conditions()),
                        rule.priority(),
                        format.toJson(rule.frequency()),
                        rule.position(),
                        rule.id())
                .update();
    }

    public boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM classification_alert_rules WHERE id = ?")
                        .param(id)
                        .update()
                == 1;
    }

    public void setPosition(UUID id, int position) {
        jdbc.sql("UPDATE classification_alert_rules SET position = ? WHERE id = ?")
                .params(position, id)
                .update();
    }

    public Optional<ServiceDefault> findDefault(UUID serviceId) {
        return jdbc.sql("SELECT * FROM classification_service_defaults WHERE service_id = ?")
                .param(serviceId)
                .query((rs, n) -> new ServiceDefault(
                        rs.getBoolean("opens_incident"),
                        rs.getString("priority"),
                        JdbcTime.fromDb(rs, "updated_at"),
                        rs.getString("updated_by")))
                .optional();
    }

    public void saveDefault(UUID serviceId, ServiceDefault value) {
        int updated = jdbc.sql("""
                UPDATE classification_service_defaults SET opens_incident = ?, priority = ?, updated_at = ?, updated_by = ?
                WHERE service_id = ?""")
                .params(
                        value.opensIncident(),
                        value.priority(),
                        JdbcTime.toDb(value.updatedAt()),
                        value.updatedBy(),
                        serviceId)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO classification_service_defaults (service_id, opens_incident, priority, updated_at, updated_by)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(
                            serviceId,
                            value.opensIncident(),
                            value.priority(),
                            JdbcTime.toDb(value.updatedAt()),
                            value.updatedBy())
                    .update();
        }
    }

    private AlertRule map(ResultSet rs, int row) throws SQLException {
        return new AlertRule(
                rs.getObject("id", UUID.class),
                rs.getObject("service_id", UUID.class),
                rs.getInt("position"),
                rs.getString("name"),
                Arrays.asList(format.fromJson(rs.getString("conditions"), RuleCondition[].class)),
                rs.getString("priority"),
                Arrays.asList(format.fromJson(rs.getString("frequency"), FrequencyStep[].class)),
                JdbcTime.fromDb(rs, "created_at"));
    }
}
