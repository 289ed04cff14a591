package dev.klaxon.notify.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.notify.PageReason;
import dev.klaxon.timeline.EntryKind;
import dev.klaxon.timeline.NewEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * One JDBC batch; a duplicate (incident, step, person) fails the whole batch. {@code announcements}: the
     * timeline line each staged page adds once its time has come (empty for pages that happen now).
     */
    public void insertAll(List<PageRow> pages, Map<UUID, NewEntry> announcements) {
        batch.batchUpdate("""
                INSERT INTO notify_pages (id, incident_id, user_id, step_key, reason, level, role, paged_at,
                    announce_kind, announce_subject, announce_message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", pages, 500, (ps, p) -> {
            NewEntry line = announcements.get(p.id());
            ps.setObject(1, p.id());
            ps.setObject(2, p.incidentId());
            ps.setObject(3, p.userId());
            ps.setString(4, p.stepKey());
            ps.setString(5, p.reason().name());
            ps.setInt(6, p.level());
            ps.setString(7, p.role());
            ps.setObject(8, JdbcTime.toDb(p.pagedAt()));
            ps.setString(9, line == null ? null : line.kind().key());
            ps.setString(10, line == null ? null : line.subject());
            ps.setString(11, line == null ? null : line.message());
        });
    }

    /** The lines of staged pages of these incidents whose page time is {@code upTo} or earlier. */
    public List<Announcement> dueAnnouncements(Collection<UUID> incidentIds, Instant upTo) {
        List<Announcement> due = new ArrayList<>();
        for (List<UUID> chunk : ContactStore.chunks(incidentIds)) {
            due.addAll(jdbc.sql("""
                    SELECT id, incident_id, user_id, paged_at, announce_kind, announce_subject, announce_message
                    FROM notify_pages
                    WHERE incident_id IN (:ids) AND announce_kind IS NOT NULL AND paged_at <= :upTo
                    ORDER BY paged_at, id""")
                    .param("ids", chunk)
                    .param("upTo", JdbcTime.toDb(upTo))
                    .query((rs, n) -> new Announcement(
                            rs.getObject("id", UUID.class),
                            rs.getObject("user_id", UUID.class),
                            new NewEntry(
                                    rs.getObject("incident_id", UUID.class),
                                    JdbcTime.fromDb(rs, "paged_at"),
                                    EntryKind.parse(rs.getString("announce_kind")),
                                    Actor.SYSTEM,
                                    rs.getString("announce_subject"),
                                    rs.getString("announce_message"))))
                    .list());
        }
        return due;
    }

    /** A staged page's line, at its page time. */
    public record Announcement(UUID pageId, UUID userId, NewEntry line) {}

    /** The staged pages of an incident whose page time is after {@code at}: they have not happened yet. */
    public List<UUID> stagedAfter(UUID incidentId, Instant at) {
        return jdbc.sql("""
                SELECT id FROM notify_pages
                WHERE incident_id = ? AND announce_kind IS NOT NULL AND paged_at > ?""")
                .params(incidentId, JdbcTime.toDb(at))
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
    }

    /** Takes these staged pages back: they never happen and never reach the timeline. */
    public void withdraw(Collection<UUID> pageIds, Instant at) {
        for (List<UUID> chunk : ContactStore.chunks(pageIds)) {
            jdbc.sql("""
                    UPDATE notify_pages SET announce_kind = NULL, announce_subject = NULL, announce_message = NULL,
                        withdrawn_at = :at
                    WHERE id IN (:ids)""").param("at", JdbcTime.toDb(at)).param("ids", chunk).update();
        }
    }

    /** Forgets the lines of these staged pages once they are written to the timeline. */
    public void clearAnnouncements(Collection<UUID> pageIds) {
        for (List<UUID> chunk : ContactStore.chunks(pageIds)) {
            jdbc.sql("""
                    UPDATE notify_pages SET announce_kind = NULL, announce_subject = NULL, announce_message = NULL
                    WHERE id IN (:ids)""").param("ids", chunk).update();
        }
    }

    /** Whether the person has been paged for the incident by now (a staged page counts once its time has come). */
    public boolean exists(UUID incidentId, UUID userId, Instant now) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM notify_pages
                        WHERE incident_id = ? AND user_id = ? AND withdrawn_at IS NULL AND paged_at <= ?""")
                        .params(incidentId, userId, JdbcTime.toDb(now))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Of these incidents, those with a page for the person that was not withdrawn. */
    public Set<UUID> incidentsPaging(UUID userId, Collection<UUID> incidentIds, Instant now) {
        Set<UUID> paged = new HashSet<>();
        for (List<UUID> chunk : ContactStore.chunks(incidentIds)) {
            paged.addAll(jdbc.sql("""
                    SELECT DISTINCT incident_id FROM notify_pages
                    WHERE user_id = :user AND incident_id IN (:ids) AND withdrawn_at IS NULL AND paged_at <= :now""")
                    .param("user", userId)
                    .param("now", JdbcTime.toDb(now))
                    .param("ids", chunk)
                    .query(UUID.class)
                    .list());
        }
        return paged;
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
