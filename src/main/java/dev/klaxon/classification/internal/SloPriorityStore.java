package dev.klaxon.classification.internal;

import dev.klaxon.classification.FrequencyStep;
import dev.klaxon.classification.SloPriority;
import dev.klaxon.common.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SLO priorities as a history: the row in force at an instant is the latest one valid from before it. */
@Repository
public class SloPriorityStore {

    private final JdbcClient jdbc;
    private final ClassificationFormat format;

    SloPriorityStore(JdbcClient jdbc, ClassificationFormat format) {
        this.jdbc = jdbc;
        this.format = format;
    }

    public void insert(SloPriority value) {
        jdbc.sql("""
                INSERT INTO classification_slo_priorities (slo_id, priority, frequency, valid_from, set_by)
                VALUES (?, ?, ?, ?, ?)""")
                .params(
                        value.sloId(),
                        value.priority(),
                        format.toJson(value.frequency()),
                        JdbcTime.toDb(value.validFrom()),
                        value.setBy())
                .update();
    }

    public Optional<SloPriority> at(UUID sloId, Instant at) {
        return jdbc.sql("""
                SELECT * FROM classification_slo_priorities WHERE slo_id = ? AND valid_from <= ?
                ORDER BY valid_from DESC, id DESC LIMIT 1""").params(sloId, JdbcTime.toDb(at)).query(this::map).optional();
    }

    public List<SloPriority> history(UUID sloId) {
        return jdbc.sql(
                        "SELECT * FROM classification_slo_priorities WHERE slo_id = ? ORDER BY valid_from DESC, id DESC")
                .param(sloId)
                .query(this::map)
                .list();
    }

    private SloPriority map(ResultSet rs, int row) throws SQLException {
        return new SloPriority(
                rs.getObject("slo_id", UUID.class),
                rs.getString("priority"),
                Arrays.asList(format.fromJson(rs.getString("frequency"), FrequencyStep[].class)),
                JdbcTime.fromDb(rs, "valid_from"),
                rs.getString("set_by"));
    }
}
