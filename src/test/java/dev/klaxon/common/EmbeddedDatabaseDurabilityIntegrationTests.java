package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.KlaxonInstance;
import dev.klaxon.support.KlaxonIntegrationTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A 2xx means committed, and committed must survive a crash of the process: the embedded H2 writes each commit to
 * its file before the commit returns instead of up to half a second later (its default).
 */
@KlaxonIntegrationTest
class EmbeddedDatabaseDurabilityIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void h2WritesEveryCommitToItsFileBeforeTheCommitReturns() {
        Assumptions.assumeFalse(KlaxonInstance.onPostgres(), "PostgreSQL makes each commit durable itself");
        String writeDelay = jdbc.sql(
                        "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'WRITE_DELAY'")
                .query(String.class)
                .single();
        assertThat(writeDelay).isEqualTo("0");
    }
}
