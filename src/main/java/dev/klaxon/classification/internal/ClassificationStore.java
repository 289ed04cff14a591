package dev.klaxon.classification.internal;

import dev.klaxon.classification.ClassificationDefinition;
import dev.klaxon.classification.ClassificationVersion;
import dev.klaxon.common.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Versions of the definition, stored as JSON documents. */
@Repository
public class ClassificationStore {

    private final JdbcClient jdbc;
    private final ClassificationFormat format;

    ClassificationStore(JdbcClient jdbc, ClassificationFormat format) {
        this.jdbc = jdbc;
        this.format = format;
    }

    public Optional<ClassificationVersion> latest() {
        return jdbc.sql("SELECT * FROM classification_versions ORDER BY version DESC LIMIT 1")
                .query(this::map)
                .optional();
    }

    public Optional<ClassificationVersion> find(int version) {
        return jdbc.sql("SELECT * FROM classification_versions WHERE version = ?")
                .param(version)
                .query(this::map)
                .optional();
    }

    /** Version numbers, newest first, without their documents. */
    public List<ClassificationVersion> history(int limit) {
        return jdbc.sql(
                        "SELECT version, created_at, created_by FROM classification_versions ORDER BY version DESC LIMIT ?")
                .param(limit)
                .query((rs, n) -> new ClassificationVersion(
                        rs.getInt("version"), null, JdbcTime.fromDb(rs, "created_at"), rs.getString("created_by")))
                .list();
    }

    /**
     * Inserts a version; a concurrent insert of the same number fails on the primary key, so two writers can
     * never both believe they made version N.
     */
    public void insert(int version, ClassificationDefinition definition, Instant at, String by) {
        jdbc.sql(
                        "INSERT INTO classification_versions (version, definition, created_at, created_by) VALUES (?, ?, ?, ?)")
                .params(version, format.toJson(definition), JdbcTime.toDb(at), by)
                .update();
    }

    private ClassificationVersion map(ResultSet rs, int row) throws SQLException {
        return new ClassificationVersion(
                rs.getInt("version"),
                format.definitionFromJson(rs.getString("definition")),
                JdbcTime.fromDb(rs, "created_at"),
                rs.getString("created_by"));
    }
}
