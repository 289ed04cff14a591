package dev.klaxon.slo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Data stored before hour and day buckets held everything: rolled-up hours (whose minutes are gone) and recent
 * minutes from two sources. After the migration every hour holds its minutes and every day its hours.
 */
class BucketHierarchyMigrationTests {

    @Test
    void hoursGainTheirMinutesAndDaysSumTheirHours() throws SQLException {
        UUID slo = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID other = UUID.fromString("00000000-0000-0000-0000-000000000002");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:bucket-migration;MODE=PostgreSQL")) {
            try (var s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE slo_buckets (slo_id UUID NOT NULL, resolution_seconds INTEGER NOT NULL,
                            bucket_start TIMESTAMP WITH TIME ZONE NOT NULL, source VARCHAR(100) NOT NULL,
                            good BIGINT NOT NULL, total BIGINT NOT NULL,
                            CONSTRAINT slo_buckets_pk PRIMARY KEY (slo_id, bucket_start, resolution_seconds, source))""");
            }
            // Rolled up earlier: two hours of 21 November.
            insert(c, slo, 3600, "2026-11-21T22:00:00Z", "*", 590, 600);
            insert(c, slo, 3600, "2026-11-21T23:00:00Z", "*", 600, 600);
            // Still minutes: the last minute of 21 November and two of 22 November 09:xx, from two sources.
            insert(c, slo, 60, "2026-11-21T23:59:00Z", "default", 9, 10);
            insert(c, slo, 60, "2026-11-22T09:00:00Z", "default", 8, 10);
            insert(c, slo, 60, "2026-11-22T09:00:00Z", "canary", 1, 1);
            insert(c, slo, 60, "2026-11-22T09:59:00Z", "default", 10, 10);
            insert(c, other, 60, "2026-11-22T10:30:00Z", "default", 3, 4);

            BucketHierarchyMigration.migrate(c);

            assertThat(rows(c, 3600))
                    .containsExactly(
                            slo + " 2026-11-21T22:00:00Z 590/600",
                            slo + " 2026-11-21T23:00:00Z 609/610",
                            slo + " 2026-11-22T09:00:00Z 19/21",
                            other + " 2026-11-22T10:00:00Z 3/4");
            assertThat(rows(c, 86400))
                    .containsExactly(
                            slo + " 2026-11-21T00:00:00Z 1199/1210",
                            slo + " 2026-11-22T00:00:00Z 19/21",
                            other + " 2026-11-22T00:00:00Z 3/4");
            assertThat(rows(c, 60)).hasSize(5);
        }
    }

    private static void insert(
            Connection c, UUID slo, int resolution, String start, String source, long good, long total)
            throws SQLException {
        try (var insert = c.prepareStatement("INSERT INTO slo_buckets VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, slo);
            insert.setInt(2, resolution);
            insert.setObject(3, OffsetDateTime.ofInstant(Instant.parse(start), ZoneOffset.UTC));
            insert.setString(4, source);
            insert.setLong(5, good);
            insert.setLong(6, total);
            insert.executeUpdate();
        }
    }

    private static List<String> rows(Connection c, int resolution) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var select = c.prepareStatement(
                "SELECT * FROM slo_buckets WHERE resolution_seconds = ? ORDER BY slo_id, bucket_start")) {
            select.setInt(1, resolution);
            try (var rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getObject("slo_id", UUID.class) + " "
                            + rs.getObject("bucket_start", OffsetDateTime.class).toInstant() + " "
                            + rs.getLong("good") + "/" + rs.getLong("total"));
                }
            }
        }
        return rows;
    }
}
