package dev.klaxon.slo.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 20261128100100: before it, hour buckets held only the minutes that housekeeping had rolled
 * up (and deleted), and there were no day buckets. Afterwards every hour bucket holds all minutes of its hour
 * and every day bucket all hours of its day, as {@link BucketStore} now keeps them. In Java because truncating
 * a timestamp to a UTC hour or day is not written the same way in H2 and PostgreSQL (and PostgreSQL's
 * {@code date_trunc} follows the session's time zone).
 */
@Component
class BucketHierarchyMigration implements JavaMigration {

    private static final int BATCH = 1000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("20261128100100");
    }

    @Override
    public String getDescription() {
        return "slo bucket hierarchy";
    }

    @Override
    public Integer getChecksum() {
        return 20261128;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        migrate(context.getConnection());
    }

    static void migrate(Connection connection) throws SQLException {
        // Minutes into their hours (added: an existing hour bucket holds only minutes no longer stored) ...
        sumInto(connection, BucketStore.MINUTE, BucketStore.HOUR, ChronoUnit.HOURS);
        // ... then the complete hours into days (there are none yet).
        sumInto(connection, BucketStore.HOUR, BucketStore.DAY, ChronoUnit.DAYS);
    }

    private static void sumInto(Connection connection, int from, int to, ChronoUnit unit) throws SQLException {
        try (var read = connection.prepareStatement(
                        "SELECT slo_id, bucket_start, good, total FROM slo_buckets WHERE resolution_seconds = ?"
                                + " ORDER BY slo_id, bucket_start",
                        ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY);
                var update = connection.prepareStatement("UPDATE slo_buckets SET good = good + ?, total = total + ?"
                        + " WHERE slo_id = ? AND resolution_seconds = ? AND bucket_start = ? AND source = ?");
                var insert = connection.prepareStatement(
                        "INSERT INTO slo_buckets (slo_id, resolution_seconds, bucket_start, source, good, total)"
                                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            read.setFetchSize(BATCH);
            read.setInt(1, from);
            var sums = new Sums(update, insert, to);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    sums.add(
                            rs.getObject("slo_id", UUID.class),
                            rs.getObject("bucket_start", OffsetDateTime.class)
                                    .toInstant()
                                    .truncatedTo(unit),
                            rs.getLong("good"),
                            rs.getLong("total"));
                }
            }
            sums.flush();
        }
    }

    /** The running sum of one coarser bucket; written when the rows move on to the next one. */
    private static final class Sums {
        private final PreparedStatement update;
        private final PreparedStatement insert;
        private final int resolution;
        private UUID slo;
        private Instant start;
        private long good;
        private long total;

        Sums(PreparedStatement update, PreparedStatement insert, int resolution) {
            this.update = update;
            this.insert = insert;
            this.resolution = resolution;
        }

        void add(UUID slo, Instant start, long good, long total) throws SQLException {
            if (!slo.equals(this.slo) || !start.equals(this.start)) {
                flush();
                this.slo = slo;
                this.start = start;
            }
            this.good += good;
            this.total += total;
        }

        void flush() throws SQLException {
            if (slo == null) {
                return;
            }
            var at = OffsetDateTime.ofInstant(start, ZoneOffset.UTC);
            update.setLong(1, good);
            update.setLong(2, total);
            update.setObject(3, slo);
            update.setInt(4, resolution);
            update.setObject(5, at);
            update.setString(6, BucketStore.ALL_SOURCES);
            if (update.executeUpdate() == 0) {
                insert.setObject(1, slo);
                insert.setInt(2, resolution);
                insert.setObject(3, at);
                insert.setString(4, BucketStore.ALL_SOURCES);
                insert.setLong(5, good);
                insert.setLong(6, total);
                insert.executeUpdate();
            }
            slo = null;
            good = 0;
            total = 0;
        }
    }
}
