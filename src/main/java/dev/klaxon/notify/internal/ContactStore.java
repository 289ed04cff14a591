package dev.klaxon.notify.internal;

import dev.klaxon.common.JdbcTime;
import dev.klaxon.notify.ContactMethodView;
import dev.klaxon.notify.NotificationRuleView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Contact methods and notification rules of users. */
@Repository
public class ContactStore {

    private static final RowMapper<ContactMethodView> METHOD = (rs, n) -> new ContactMethodView(
            rs.getObject("id", UUID.class),
            rs.getObject("user_id", UUID.class),
            rs.getString("type"),
            rs.getString("address"),
            rs.getString("label"),
            JdbcTime.fromDb(rs, "created_at"));

    private static final RowMapper<NotificationRuleView> RULE = (rs, n) -> new NotificationRuleView(
            rs.getObject("id", UUID.class),
            rs.getObject("user_id", UUID.class),
            rs.getObject("contact_method_id", UUID.class),
            rs.getString("type"),
            rs.getInt("delay_minutes"),
            JdbcTime.fromDb(rs, "created_at"));

    /** A rule joined with its contact method, what paging needs. */
    public record Target(UUID userId, UUID contactMethodId, String type, String address, int delayMinutes) {}

    static final int IN_CHUNK = 500;

    private final JdbcClient jdbc;

    ContactStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertMethod(ContactMethodView method) {
        jdbc.sql("""
                INSERT INTO notify_contact_methods (id, user_id, type, address, label, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        method.id(),
                        method.userId(),
                        method.type(),
                        method.address(),
                        method.label(),
                        JdbcTime.toDb(method.createdAt()))
                .update();
    }

    public List<ContactMethodView> methods(UUID userId) {
        return jdbc.sql("SELECT * FROM notify_contact_methods WHERE user_id = ? ORDER BY created_at, id")
                .param(userId)
                .query(METHOD)
                .list();
    }

    public Optional<ContactMethodView> method(UUID userId, UUID id) {
        return jdbc.sql("SELECT * FROM notify_contact_methods WHERE user_id = ? AND id = ?")
                .params(userId, id)
                .query(METHOD)
                .optional();
    }

    /** Rules go with it (ON DELETE CASCADE). */
    public boolean deleteMethod(UUID userId, UUID id) {
        return jdbc.sql("DELETE FROM notify_contact_methods WHERE user_id = ? AND id = ?")
                        .params(userId, id)
                        .update()
                == 1;
    }

    public void insertRule(NotificationRuleView rule) {
        jdbc.sql("""
                INSERT INTO notify_rules (id, user_id, contact_method_id, delay_minutes, created_at)
                VALUES (?, ?, ?, ?, ?)""")
                .params(
                        rule.id(),
                        rule.userId(),
                        rule.contactMethodId(),
                        rule.delayMinutes(),
                        JdbcTime.toDb(rule.createdAt()))
                .update();
    }

    public boolean ruleExists(UUID contactMethodId, int delayMinutes) {
        return jdbc.sql("SELECT COUNT(*) FROM notify_rules WHERE contact_method_id = ? AND delay_minutes = ?")
                        .params(contactMethodId, delayMinutes)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public List<NotificationRuleView> rules(UUID userId) {
        return jdbc.sql("""
                SELECT r.*, m.type FROM notify_rules r JOIN notify_contact_methods m ON m.id = r.contact_method_id
                WHERE r.user_id = ? ORDER BY r.delay_minutes, m.created_at, r.id""").param(userId).query(RULE).list();
    }

    public boolean deleteRule(UUID userId, UUID id) {
        return jdbc.sql("DELETE FROM notify_rules WHERE user_id = ? AND id = ?")
                        .params(userId, id)
                        .update()
                == 1;
    }

    /** The rules of many users with their methods, per user (users without rules are absent). */
    public Map<UUID, List<Target>> targets(Collection<UUID> userIds) {
        var byUser = new java.util.HashMap<UUID, List<Target>>();
        for (List<UUID> chunk : chunks(userIds)) {
            jdbc.sql("""
                    SELECT r.user_id, r.contact_method_id, m.type, m.address, r.delay_minutes
                    FROM notify_rules r JOIN notify_contact_methods m ON m.id = r.contact_method_id
                    WHERE r.user_id IN (:ids) ORDER BY r.delay_minutes, m.created_at""")
                    .param("ids", chunk)
                    .query((rs, n) -> new Target(
                            rs.getObject("user_id", UUID.class),
                            rs.getObject("contact_method_id", UUID.class),
                            rs.getString("type"),
                            rs.getString("address"),
                            rs.getInt("delay_minutes")))
                    .list()
                    .forEach(t -> byUser.computeIfAbsent(t.userId(), k -> new ArrayList<>())
                            .add(t));
        }
        return byUser;
    }

    /** The contact methods of many users, per user (as notices and "has no contact method" need them). */
    public Map<UUID, List<ContactMethodView>> methods(Collection<UUID> userIds) {
        var byUser = new java.util.HashMap<UUID, List<ContactMethodView>>();
        for (List<UUID> chunk : chunks(userIds)) {
            jdbc.sql("SELECT * FROM notify_contact_methods WHERE user_id IN (:ids) ORDER BY created_at, id")
                    .param("ids", chunk)
                    .query(METHOD)
                    .list()
                    .forEach(m -> byUser.computeIfAbsent(m.userId(), k -> new ArrayList<>())
                            .add(m));
        }
        return byUser;
    }

    static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = List.copyOf(new java.util.LinkedHashSet<>(values));
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
        return chunks;
    }
}
