package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.KlaxonInstance;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migrations under {@code db/vendor/{vendor}} reach their own database only: H2's larger identity caches would, on
 * PostgreSQL (where a sequence's cache belongs to one connection), let the escalation engine's timeline lines
 * take ids below the intake writer's earlier lines of the same incident.
 */
@KlaxonIntegrationTest
class VendorMigrationsIntegrationTests {

    private static final String H2_IDENTITY_CACHE = "20261129130000";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theH2IdentityCacheMigrationRunsOnH2AndNowhereElse() {
        List<String> applied = jdbc.queryForList(
                "SELECT \"version\" FROM flyway_schema_history WHERE \"version\" = ? AND \"success\" = TRUE",
                String.class,
                H2_IDENTITY_CACHE);
        if (KlaxonInstance.onPostgres()) {
            assertThat(applied).isEmpty();
            assertThat(jdbc.queryForObject(
                            "SELECT seqcache FROM pg_sequence"
                                    + " WHERE seqrelid = pg_get_serial_sequence('timeline_entries', 'id')::regclass",
                            Long.class))
                    .isEqualTo(1L);
        } else {
            assertThat(applied).containsExactly(H2_IDENTITY_CACHE);
            assertThat(jdbc.queryForList("""
                            SELECT table_name || '.' || column_name || '=' || identity_cache
                            FROM information_schema.columns
                            WHERE identity_cache IS NOT NULL
                              AND table_name IN ('timeline_entries', 'incidents_classification_changes',
                                                 'classification_firings', 'incidents_incidents')
                            ORDER BY table_name""", String.class))
                    .containsExactly(
                            "classification_firings.id=1000",
                            "incidents_classification_changes.id=1000",
                            "incidents_incidents.number=32",
                            "timeline_entries.id=1000");
        }
    }
}
