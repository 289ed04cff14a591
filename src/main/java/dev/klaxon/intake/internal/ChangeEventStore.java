package dev.klaxon.intake.internal;

import dev.klaxon.common.JdbcTime;
import dev.klaxon.intake.ChangeEventView;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code intake_change_events} table. */
@Repository
public class ChangeEventStore {

    private final JdbcClient jdbc;

    ChangeEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ChangeEvent e) {
        jdbc.sql("""
                INSERT INTO intake_change_events
                    (id, service_id, integration_id, summary, source, event_time, custom_details, links, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        e.id(),
                        e.serviceId(),
                        e.integrationId(),
                        e.summary(),
                        e.source(),
                        JdbcTime.toDb(e.timestamp()),
                        e.customDetailsJson(),
                        e.linksJson(),
                        JdbcTime.toDb(e.receivedAt()))
                .update();
    }

    /** Newest first. */
    public List<ChangeEventView> listForService(UUID serviceId, int limit) {
        return jdbc.sql("SELECT * FROM intake_change_events WHERE service_id = ? ORDER BY received_at DESC, id LIMIT ?")
                .params(serviceId, limit)
                .query((rs, n) -> new ChangeEventView(
                        rs.getObject("id", UUID.class),
                        rs.getObject("service_id", UUID.class),
                        rs.getObject("integration_id", UUID.class),
                        rs.getString("summary"),
                        rs.getString("source"),
                        JdbcTime.fromDb(rs, "event_time"),
                        rs.getString("custom_details"),
                        rs.getString("links"),
                        JdbcTime.fromDb(rs, "received_at")))
                .list();
    }
}
