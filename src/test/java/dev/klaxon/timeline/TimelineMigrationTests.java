package dev.klaxon.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moving the timeline into its own module keeps every entry: same ids, same order, same text and counts, each old
 * kind under its owning module's namespace; staged pages keep the entry they will write; new entries follow the old.
 */
class TimelineMigrationTests {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-20T10:00:00Z");

    private static final List<String> OLD_KINDS = List.of(
            "ALERT_RECEIVED",
            "INCIDENT_OPENED",
            "ALERT_REPEATED",
            "ESCALATED",
            "PAGED",
            "DELIVERY_FAILED",
            "DELIVERY_SUCCEEDED",
            "DELIVERY_ABANDONED",
            "PAGE_ACKNOWLEDGED",
            "ACKNOWLEDGED",
            "ESCALATION_STOPPED",
            "PRIORITY_CHANGED",
            "SEVERITY_CHANGED",
            "ROLE_REQUIRED",
            "ROLE_PAGED",
            "ROLE_ASSIGNED",
            "ROLE_UNASSIGNED",
            "TEAM_INVOLVED",
            "RESPONSE_TARGET_BREACHED",
            "NOTE",
            "ALERT_ACKNOWLEDGED",
            "ALERT_RESOLVED",
            "RESOLVED");

    private static final List<String> NEW_KINDS = List.of(
            "incidents.alert_received",
            "incidents.opened",
            "incidents.alert_repeated",
            "escalation.escalated",
            "notify.paged",
            "notify.delivery_failed",
            "notify.delivery_succeeded",
            "notify.delivery_abandoned",
            "notify.page_acknowledged",
            "incidents.acknowledged",
            "escalation.stopped",
            "incidents.priority_changed",
            "incidents.severity_changed",
            "incidents.role_required",
            "escalation.role_paged",
            "incidents.role_assigned",
            "incidents.role_unassigned",
            "incidents.team_involved",
            "incidents.response_target_breached",
            "incidents.note",
            "incidents.alert_acknowledged",
            "incidents.alert_resolved",
            "incidents.resolved");

    @Test
    void everyEntryKeepsItsIdOrderAndTextUnderANamespacedKind() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:timeline-migration-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/h2")
                .target("20261204100100")
                .load()
                .migrate();
        var jdbc = JdbcClient.create(dataSource);
        UUID incident = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO incidents_incidents (id, service_id, team_id, title, status, alert_count,
                    open_alert_count, created_at, created_by)
                VALUES (?, ?, ?, 'old', 'RESOLVED', 1, 0, ?, 'integration')""").params(incident, UUID.randomUUID(), UUID.randomUUID(), AT).update();
        for (int i = 0; i < OLD_KINDS.size(); i++) {
            jdbc.sql("""
                    INSERT INTO incidents_timeline (incident_id, at, kind, actor_type, actor_name, subject, message,
                        fold_count, last_at)
                    VALUES (?, ?, ?, 'SYSTEM', 'Klaxon', ?, ?, ?, ?)""")
                    .params(
                            incident,
                            AT.plusMinutes(i),
                            OLD_KINDS.get(i),
                            "subject " + i,
                            "message " + i,
                            i == 2 ? 7 : 1,
                            AT.plusMinutes(i + (i == 2 ? 5 : 0)))
                    .update();
        }
        List<Long> idsBefore = jdbc.sql("SELECT id FROM incidents_timeline ORDER BY id")
                .query(Long.class)
                .list();
        UUID stagedPage = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO notify_pages (id, incident_id, user_id, step_key, reason, level, paged_at,
                    announce_kind, announce_subject, announce_message)
                VALUES (?, ?, ?, 'L2.C0', 'ESCALATION', 2, ?, 'PAGED', 'Ann', 'Paged Ann at escalation level 2')""")
                .params(stagedPage, incident, UUID.randomUUID(), AT.plusHours(1))
                .update();

        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/h2")
                .load()
                .migrate();

        var rows = jdbc.sql("SELECT id, kind, subject, message, fold_count FROM timeline_entries ORDER BY id")
                .query((rs, n) -> new Object[] {
                    rs.getLong("id"),
                    rs.getString("kind"),
                    rs.getString("subject"),
                    rs.getString("message"),
                    rs.getInt("fold_count")
                })
                .list();
        assertThat(rows).extracting(r -> (Long) r[0]).containsExactlyElementsOf(idsBefore);
        assertThat(rows).extracting(r -> (String) r[1]).containsExactlyElementsOf(NEW_KINDS);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i)[2]).isEqualTo("subject " + i);
            assertThat(rows.get(i)[3]).isEqualTo("message " + i);
        }
        assertThat(rows.get(2)[4]).as("a folded entry keeps its count").isEqualTo(7);
        assertThat(NEW_KINDS)
                .allSatisfy(key -> assertThat(EntryKind.parse(key).key()).isEqualTo(key));
        assertThat(jdbc.sql("SELECT announce_kind FROM notify_pages WHERE id = ?")
                        .param(stagedPage)
                        .query(String.class)
                        .single())
                .isEqualTo("notify.paged");

        jdbc.sql("""
                INSERT INTO timeline_entries (incident_id, at, kind, actor_type, actor_name, payload, fold_count,
                    last_at)
                VALUES (?, ?, 'incidents.note', 'SYSTEM', 'Klaxon', '{"a":1}', 1, ?)""").params(incident, AT.plusDays(1), AT.plusDays(1)).update();
        assertThat(jdbc.sql("SELECT MAX(id) FROM timeline_entries")
                        .query(Long.class)
                        .single())
                .as("new entries come after the migrated ones")
                .isGreaterThan(idsBefore.get(idsBefore.size() - 1));
    }
}
