package dev.klaxon.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The migration that moves prioritization onto the incident row keeps what older incidents recorded: their stored
 * prioritization step becomes the row's prioritized_at and prioritized_by, and the step row goes.
 */
class ProcessStepMigrationTests {

    @Test
    void storedPrioritizationStepsMoveOntoTheIncidentRow() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:migration-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(dataSource)
                .target("20261129110000")
                .load()
                .migrate();
        var jdbc = JdbcClient.create(dataSource);
        UUID prioritised = UUID.randomUUID();
        UUID unprioritised = UUID.randomUUID();
        OffsetDateTime opened = OffsetDateTime.parse("2026-11-20T10:00:00Z");
        for (UUID id : new UUID[] {prioritised, unprioritised}) {
            jdbc.sql("""
                    INSERT INTO incidents_incidents (id, service_id, team_id, title, status, alert_count,
                        open_alert_count, created_at, created_by)
                    VALUES (?, ?, ?, 'old', 'TRIGGERED', 1, 1, ?, 'integration')""")
                    .params(id, UUID.randomUUID(), UUID.randomUUID(), opened)
                    .update();
            jdbc.sql("INSERT INTO incidents_process_steps VALUES (?, 'RESPONSE', ?, 'Ann')")
                    .params(id, opened.plusMinutes(9))
                    .update();
        }
        jdbc.sql("INSERT INTO incidents_process_steps VALUES (?, 'PRIORITIZATION', ?, 'Bob')")
                .params(prioritised, opened.plusMinutes(4))
                .update();

        Flyway.configure().dataSource(dataSource).load().migrate();

        assertThat(jdbc.sql("SELECT prioritized_at FROM incidents_incidents WHERE id = ?")
                        .param(prioritised)
                        .query(OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isEqualTo(opened.plusMinutes(4).toInstant());
        assertThat(jdbc.sql("SELECT prioritized_by FROM incidents_incidents WHERE id = ?")
                        .param(prioritised)
                        .query(String.class)
                        .single())
                .isEqualTo("Bob");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM incidents_incidents WHERE id = ? AND prioritized_at IS NULL"
                                + " AND prioritized_by IS NULL")
                        .param(unprioritised)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT step FROM incidents_process_steps ORDER BY step")
                        .query(String.class)
                        .list())
                .containsExactly("RESPONSE", "RESPONSE");
    }
}
