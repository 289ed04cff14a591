package dev.klaxon.timeline.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.klaxon.common.Actor;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.timeline.EntryKind;
import dev.klaxon.timeline.NewEntry;
import dev.klaxon.timeline.TimelineEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The timeline table: appends (one at a time or batched), folds repeats, reads. */
@Repository
public class EntryStore {

    /** Repeats of one alert fold into one entry while they arrive less than this apart. */
    static final Duration FOLD_WINDOW = Duration.ofMinutes(10);

    private static final int BATCH_SIZE = 500;

    private static final String INSERT = """
            INSERT INTO timeline_entries
                (incident_id, at, kind, actor_type, actor_id, actor_name, subject, message, payload, fold_count, last_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)""";

    private static final String FOLD =
            "UPDATE timeline_entries SET fold_count = fold_count + 1, last_at = ? WHERE id = ? AND last_at >= ?";

    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {};

    private record FoldKey(UUID incidentId, EntryKind kind, String subject) {

        static FoldKey of(NewEntry entry) {
            return new FoldKey(entry.incidentId(), entry.kind(), entry.subject());
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ObjectMapper json;
    private final Cache<FoldKey, Long> foldLines =
            Caffeine.newBuilder().maximumSize(100_000).build();

    EntryStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ObjectMapper json) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
    }

    /** Appends one entry; returns its id. */
    public long append(NewEntry entry) {
        var keys = new GeneratedKeyHolder();
        Object at = JdbcTime.toDb(entry.at());
        jdbc.sql(INSERT)
                .params(
                        entry.incidentId(),
                        at,
                        entry.kind().key(),
                        entry.actor().type().name(),
                        entry.actor().id(),
                        entry.actor().name(),
                        entry.subject(),
                        entry.message(),
                        payload(entry),
                        at)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Appends entries in one batch, in list order. */
    public void appendAll(List<NewEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate(INSERT, entries, BATCH_SIZE, (ps, entry) -> {
            Object at = JdbcTime.toDb(entry.at());
            ps.setObject(1, entry.incidentId());
            ps.setObject(2, at);
            ps.setString(3, entry.kind().key());
            ps.setString(4, entry.actor().type().name());
            ps.setObject(5, entry.actor().id());
            ps.setString(6, entry.actor().name());
            ps.setString(7, entry.subject());
            ps.setString(8, entry.message());
            ps.setString(9, payload(entry));
            ps.setObject(10, at);
        });
    }

    /**
     * Counts each entry as a repeat on the open fold entry of its incident, kind and subject, or starts a new entry
     * when there is none. The entry last folded into is remembered, so a repeat usually costs one update by primary
     * key, batched with the others; the remembered id is only a hint (the update checks the fold window, and an
     * entry of a rolled-back transaction is simply not found), and a miss looks the entry up.
     */
    public void appendFolded(List<NewEntry> repeats) {
        List<NewEntry> remembered = new ArrayList<>(repeats.size());
        List<Object[]> folds = new ArrayList<>(repeats.size());
        List<NewEntry> rest = new ArrayList<>();
        for (NewEntry repeat : repeats) {
            Long entry = foldLines.getIfPresent(FoldKey.of(repeat));
            if (entry == null) {
                rest.add(repeat);
            } else {
                remembered.add(repeat);
                folds.add(new Object[] {JdbcTime.toDb(repeat.at()), entry, windowStart(repeat)});
            }
        }
        if (!folds.isEmpty()) {
            int[] folded = jdbcTemplate.batchUpdate(FOLD, folds);
            for (int i = 0; i < folded.length; i++) {
                if (folded[i] == 0) {
                    rest.add(remembered.get(i));
                }
            }
        }
        rest.forEach(this::appendFolded);
    }

    private void appendFolded(NewEntry repeat) {
        Object windowStart = windowStart(repeat);
        Long entry = jdbc.sql("""
                SELECT MAX(id) FROM timeline_entries
                WHERE incident_id = ? AND kind = ? AND subject = ? AND last_at >= ?""")
                .params(repeat.incidentId(), repeat.kind().key(), repeat.subject(), windowStart)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (entry == null
                || jdbc.sql(FOLD)
                                .params(JdbcTime.toDb(repeat.at()), entry, windowStart)
                                .update()
                        == 0) {
            entry = append(repeat);
        }
        foldLines.put(FoldKey.of(repeat), entry);
    }

    private static Object windowStart(NewEntry repeat) {
        return JdbcTime.toDb(repeat.at().minus(FOLD_WINDOW));
    }

    public List<TimelineEntry> list(UUID incidentId) {
        return jdbc.sql("SELECT * FROM timeline_entries WHERE incident_id = ? ORDER BY id")
                .param(incidentId)
                .query(this::map)
                .list();
    }

    public TimelineEntry get(long id) {
        return jdbc.sql("SELECT * FROM timeline_entries WHERE id = ?")
                .param(id)
                .query(this::map)
                .single();
    }

    private String payload(NewEntry entry) {
        return entry.payload().isEmpty() ? null : json.writeValueAsString(entry.payload());
    }

    private TimelineEntry map(ResultSet rs, int row) throws SQLException {
        String kind = rs.getString("kind");
        String payload = rs.getString("payload");
        return new TimelineEntry(
                rs.getLong("id"),
                rs.getObject("incident_id", UUID.class),
                JdbcTime.fromDb(rs, "at"),
                kind,
                null, // labelled by Timeline, which knows the declared kinds
                new Actor(
                        Actor.Type.valueOf(rs.getString("actor_type")),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_name")),
                rs.getString("subject"),
                rs.getString("message"),
                payload == null ? Map.of() : json.readValue(payload, PAYLOAD),
                rs.getInt("fold_count"),
                JdbcTime.fromDb(rs, "last_at"));
    }
}
