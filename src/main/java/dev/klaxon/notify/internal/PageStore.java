package dev.klaxon.notify.internal;

import dev.klaxon.common.JdbcTime;
import dev.klaxon.notify.PageReason;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pages: one per (incident, step, person), with the single use of its acknowledge link. */
@Repository
public class PageStore {

    public record PageRow(
            UUID id,
            UUID incidentId,
            UUID userId,
            String stepKey,
            PageReason reason,
            int level,
            String role,
            Instant pagedAt,
            Instant linkUsedAt) {}

    private static final RowMapper<PageRow> ROW = (rs, n) -> new PageRow(
            rs.getObject("id", UUID.class),
            rs.getObject("incident_id", UUID.class),
            rs.getObject("user_id", UUID.class),
            rs.getString("step_key"),
            PageReason.valueOf(rs.getString("reason")),
            rs.getInt("level"),
            rs.getString("role"),
            JdbcTime.fromDb(rs, "paged_at"),
            JdbcTime.fromDb(rs, "link_used_at"));

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    PageStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Of {@code userIds}, those already paged for this incident and step. */
    /**
     * The (incident, step, person) keys among {@code incidentIds} that already have a page, as
     * {@code incident/step/user} strings: one query per chunk of incidents however many steps are asked about.
     */
    public Set<String> existingKeys(Collection<UUID> incidentIds) {
        Set<String> keys = new HashSet<>();
        for (List<UUID> chunk : ContactStore.chunks(incidentIds)) {
            jdbc.sql("SELECT incident_id, step_key, user_id FROM notify_pages WHERE incident_id IN (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        keys.add(rs.getObject(1, UUID.class) + "/" + rs.getString(2) + "/"
                                + rs.getObject(3, UUID.class));
                    });
        }
        return keys;
    }

    /** One JDBC batch; a duplicate (incident, step, person) fails the whole batch. */
    public void insertAll(List<PageRow> pages) {
        batch.batchUpdate("""
                INSERT INTO notify_pages (id, incident_id, user_id, step_key, reason, level, role, paged_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", pages, 500, (ps, p) -> {
            ps.setObject(1, p.id());
            ps.setObject(2, p.incidentId());
            ps.setObject(3, p.userId());
            ps.setString(4, p.stepKey());
            ps.setString(5, p.reason().name());
            ps.setInt(6, p.level());
            ps.setString(7, p.role());
            ps.setObject(8, JdbcTime.toDb(p.pagedAt()));
        });
    }

    public Optional<PageRow> find(UUID id) {
        return jdbc.sql("SELECT * FROM notify_pages WHERE id = ?")
                .param(id)
                .query(ROW)
                .optional();
    }

    /** Uses the acknowledge link: true for exactly one caller, ever. */
    public boolean useLink(UUID id, Instant at) {
        return jdbc.sql("UPDATE notify_pages SET link_used_at = ? WHERE id = ? AND link_used_at IS NULL")
                        .params(JdbcTime.toDb(at), id)
                        .update()
                == 1;
    }
}
