package dev.klaxon.notify.internal;

import dev.klaxon.common.JdbcTime;
import dev.klaxon.notify.DeliveryStatus;
import dev.klaxon.notify.DeliveryView;
import dev.klaxon.notify.PageReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery outbox. A delivery is written in the transaction that pages, claimed by one sender at a time
 * ({@code FOR UPDATE SKIP LOCKED}, then a conditional update that stamps a claim token and a lease), sent
 * outside any transaction and recorded with a conditional update on the same token, so a sender whose lease ran
 * out cannot overwrite what the sender that took over recorded.
 */
@Repository
public class DeliveryStore {

    /** A delivery to write. Page deliveries carry page and incident; notices carry key, subject and body. */
    public record NewDelivery(
            UUID id,
            UUID pageId,
            UUID incidentId,
            String noticeKey,
            UUID userId,
            UUID contactMethodId,
            String channel,
            String address,
            int delayMinutes,
            String subject,
            String body,
            Instant createdAt,
            Instant dueAt) {

        public NewDelivery withDueAt(Instant at) {
            return new NewDelivery(
                    id,
                    pageId,
                    incidentId,
                    noticeKey,
                    userId,
                    contactMethodId,
                    channel,
                    address,
                    delayMinutes,
                    subject,
                    body,
                    createdAt,
                    at);
        }
    }

    /**
     * A claimed delivery with what the sender needs; {@code page} is null for a notice. {@code dueAt}: when this
     * attempt fell due.
     */
    public record Claimed(
            UUID id,
            String claimToken,
            Instant dueAt,
            UUID userId,
            String channel,
            String address,
            int attempts,
            String subject,
            String body,
            PageStore.PageRow page) {}

    private static final RowMapper<DeliveryView> VIEW = (rs, n) -> new DeliveryView(
            rs.getObject("id", UUID.class),
            rs.getObject("page_id", UUID.class),
            rs.getObject("incident_id", UUID.class),
            rs.getObject("user_id", UUID.class),
            rs.getObject("contact_method_id", UUID.class),
            rs.getString("channel"),
            rs.getString("address"),
            rs.getInt("delay_minutes"),
            DeliveryStatus.valueOf(rs.getString("status")),
            JdbcTime.fromDb(rs, "due_at"),
            JdbcTime.fromDb(rs, "handed_at"),
            rs.getInt("attempts"),
            JdbcTime.fromDb(rs, "next_attempt_at"),
            rs.getString("last_error"),
            JdbcTime.fromDb(rs, "sent_at"));

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    DeliveryStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public void insertAll(List<NewDelivery> deliveries) {
        batch.batchUpdate("""
                INSERT INTO notify_deliveries (id, page_id, incident_id, notice_key, user_id, contact_method_id,
                    channel, address, delay_minutes, subject, body, status, created_at, due_at, attempts,
                    next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, 0, ?)""", deliveries, 500, (ps, d) -> {
            ps.setObject(1, d.id());
            ps.setObject(2, d.pageId());
            ps.setObject(3, d.incidentId());
            ps.setString(4, d.noticeKey());
            ps.setObject(5, d.userId());
            ps.setObject(6, d.contactMethodId());
            ps.setString(7, d.channel());
            ps.setString(8, d.address());
            ps.setInt(9, d.delayMinutes());
            ps.setString(10, d.subject());
            ps.setString(11, d.body());
            ps.setObject(12, JdbcTime.toDb(d.createdAt()));
            ps.setObject(13, JdbcTime.toDb(d.dueAt()));
            ps.setObject(14, JdbcTime.toDb(d.dueAt()));
        });
    }

    /** Of the given (user, method) pairs of a notice key, those that already have a delivery: "user/method". */
    public Set<String> existingNotices(String noticeKey, Collection<UUID> userIds) {
        Set<String> existing = new HashSet<>();
        for (List<UUID> chunk : ContactStore.chunks(userIds)) {
            jdbc.sql("""
                    SELECT user_id, contact_method_id FROM notify_deliveries
                    WHERE notice_key = :key AND user_id IN (:ids)""")
                    .param("key", noticeKey)
                    .param("ids", chunk)
                    .query((rs, n) -> rs.getObject(1, UUID.class) + "/" + rs.getObject(2, UUID.class))
                    .list()
                    .forEach(existing::add);
        }
        return existing;
    }

    /** Sending rows whose lease ran out (the sender's instance died) become claimable again. */
    public int requeueExpired(Instant now) {
        return jdbc.sql("""
                UPDATE notify_deliveries SET status = 'PENDING', claim_token = NULL, claimed_until = NULL
                WHERE status = 'SENDING' AND claimed_until < ?""").param(JdbcTime.toDb(now)).update();
    }

    /**
     * Claims up to {@code limit} due deliveries for one sender; call inside a short transaction. Rows another
     * transaction holds are skipped, and the conditional update makes a claim succeed once even without it.
     */
    public List<Claimed> claim(Instant now, Supplier<Instant> clock, Instant leaseUntil, int limit, String token) {
        // One status at a time: each is a range of the (status, next_attempt_at) index read in order, where
        // "status IN (...) ORDER BY next_attempt_at" would read and sort every due row of both for each claim.
        List<UUID> due = new ArrayList<>(dueIds("PENDING", now, limit));
        if (due.size() < limit) {
            due.addAll(dueIds("FAILED", now, limit - due.size()));
        }
        if (due.isEmpty()) {
            return List.of();
        }
        // handed_at says when the delivery was taken, not when the claim began looking (a big claim takes a while).
        Instant handedAt = clock.get();
        for (List<UUID> chunk : ContactStore.chunks(due)) {
            jdbc.sql("""
                    UPDATE notify_deliveries SET status = 'SENDING', claim_token = :token, claimed_until = :lease,
                        attempts = attempts + 1, handed_at = COALESCE(handed_at, :now)
                    WHERE id IN (:ids) AND status IN ('PENDING', 'FAILED')""")
                    .param("token", token)
                    .param("lease", JdbcTime.toDb(leaseUntil))
                    .param("now", JdbcTime.toDb(handedAt))
                    .param("ids", chunk)
                    .update();
        }
        return jdbc.sql("""
                SELECT d.id, d.user_id, d.channel, d.address, d.attempts, d.subject, d.body, d.next_attempt_at,
                    p.id AS page_id, p.incident_id, p.user_id AS page_user_id, p.step_key, p.reason, p.level,
                    p.role, p.paged_at, p.link_used_at
                FROM notify_deliveries d LEFT JOIN notify_pages p ON p.id = d.page_id
                WHERE d.claim_token = ? AND d.status = 'SENDING' ORDER BY d.next_attempt_at""")
                .param(token)
                .query((rs, n) -> {
                    UUID pageId = rs.getObject("page_id", UUID.class);
                    PageStore.PageRow page = pageId == null
                            ? null
                            : new PageStore.PageRow(
                                    pageId,
                                    rs.getObject("incident_id", UUID.class),
                                    rs.getObject("page_user_id", UUID.class),
                                    rs.getString("step_key"),
                                    PageReason.valueOf(rs.getString("reason")),
                                    rs.getInt("level"),
                                    rs.getString("role"),
                                    JdbcTime.fromDb(rs, "paged_at"),
                                    JdbcTime.fromDb(rs, "link_used_at"));
                    return new Claimed(
                            rs.getObject("id", UUID.class),
                            token,
                            JdbcTime.fromDb(rs, "next_attempt_at"),
                            rs.getObject("user_id", UUID.class),
                            rs.getString("channel"),
                            rs.getString("address"),
                            rs.getInt("attempts"),
                            rs.getString("subject"),
                            rs.getString("body"),
                            page);
                })
                .list();
    }

    public boolean markSent(UUID id, String token, Instant at) {
        return jdbc.sql("""
                UPDATE notify_deliveries SET status = 'SENT', sent_at = ?, last_error = NULL, claim_token = NULL,
                    claimed_until = NULL
                WHERE id = ? AND claim_token = ? AND status = 'SENDING'""").params(JdbcTime.toDb(at), id, token).update() == 1;
    }

    /** A delivery that went out, and when. */
    public record Sent(UUID id, String token, Instant at) {}

    /**
     * Marks many deliveries sent in one JDBC batch; per delivery, whether it was still this sender's to mark
     * (false: its lease ran out and another sender took it over).
     */
    public boolean[] markAllSent(List<Sent> sent) {
        int[][] counts = batch.batchUpdate("""
                UPDATE notify_deliveries SET status = 'SENT', sent_at = ?, last_error = NULL, claim_token = NULL,
                    claimed_until = NULL
                WHERE id = ? AND claim_token = ? AND status = 'SENDING'""", sent, 500, (ps, d) -> {
            ps.setObject(1, JdbcTime.toDb(d.at()));
            ps.setObject(2, d.id());
            ps.setString(3, d.token());
        });
        boolean[] marked = new boolean[sent.size()];
        int i = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                marked[i++] = count == 1;
            }
        }
        return marked;
    }

    /** A claimed delivery that was not attempted: claimable again at once, the claim's attempt not counted. */
    public boolean markUnsent(UUID id, String token) {
        return jdbc.sql("""
                UPDATE notify_deliveries SET status = 'PENDING', attempts = attempts - 1, claim_token = NULL,
                    claimed_until = NULL
                WHERE id = ? AND claim_token = ? AND status = 'SENDING'""").params(id, token).update() == 1;
    }

    public boolean markRetry(UUID id, String token, Instant next, String error) {
        return jdbc.sql("""
                UPDATE notify_deliveries SET status = 'FAILED', next_attempt_at = ?, last_error = ?,
                    claim_token = NULL, claimed_until = NULL
                WHERE id = ? AND claim_token = ? AND status = 'SENDING'""")
                        .params(JdbcTime.toDb(next), truncate(error), id, token)
                        .update()
                == 1;
    }

    public boolean markAbandoned(UUID id, String token, String error) {
        return jdbc.sql("""
                UPDATE notify_deliveries SET status = 'ABANDONED', last_error = ?, claim_token = NULL,
                    claimed_until = NULL
                WHERE id = ? AND claim_token = ? AND status = 'SENDING'""").params(truncate(error), id, token).update() == 1;
    }

    /** A claimed delivery that is no longer wanted (the incident moved on between claim and send). */
    public boolean markCancelled(UUID id, String token, String why) {
        return jdbc.sql("""
                UPDATE notify_deliveries SET status = 'CANCELLED', last_error = ?, claim_token = NULL,
                    claimed_until = NULL
                WHERE id = ? AND claim_token = ? AND status = 'SENDING'""").params(why, id, token).update() == 1;
    }

    /** Cancels what has not gone out yet (incl. retries); ROLE pages only when {@code includeRolePages}. */
    public int cancelPending(UUID incidentId, boolean includeRolePages, String why) {
        String onlyEscalation = includeRolePages
                ? ""
                : " AND page_id IN (SELECT id FROM notify_pages WHERE incident_id = :incident AND reason <> 'ROLE')";
        return jdbc.sql("UPDATE notify_deliveries SET status = 'CANCELLED', last_error = :why"
                        + " WHERE incident_id = :incident AND status IN ('PENDING', 'FAILED')" + onlyEscalation)
                .param("why", why)
                .param("incident", incidentId)
                .update();
    }

    /** Cancels everything not yet sent to a person (a deactivated one); returns how many deliveries. */
    public int cancelPendingForUser(UUID userId, String why) {
        return jdbc.sql("UPDATE notify_deliveries SET status = 'CANCELLED', last_error = ?"
                        + " WHERE user_id = ? AND status IN ('PENDING', 'FAILED')")
                .params(why, userId)
                .update();
    }

    private List<UUID> dueIds(String status, Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM notify_deliveries WHERE status = ? AND next_attempt_at <= ?
                ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(status, JdbcTime.toDb(now), limit)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
    }

    /** The contact methods these pages already have a delivery for, as "page/method" strings. */
    public Set<String> methodsOfPages(Collection<UUID> pageIds) {
        Set<String> pairs = new HashSet<>();
        for (List<UUID> chunk : ContactStore.chunks(pageIds)) {
            jdbc.sql("SELECT page_id, contact_method_id FROM notify_deliveries WHERE page_id IN (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        pairs.add(rs.getObject(1, UUID.class) + "/" + rs.getObject(2, UUID.class));
                    });
        }
        return pairs;
    }

    /** Cancels what has not gone out yet of these pages. */
    public int cancelForPages(Collection<UUID> pageIds, String why) {
        int cancelled = 0;
        for (List<UUID> chunk : ContactStore.chunks(pageIds)) {
            cancelled += jdbc.sql("""
                    UPDATE notify_deliveries SET status = 'CANCELLED', last_error = :why
                    WHERE page_id IN (:ids) AND status IN ('PENDING', 'FAILED')""").param("why", why).param("ids", chunk).update();
        }
        return cancelled;
    }

    /** When the next delivery (or retry) falls due, so the sender loop can wake exactly then. */
    public Optional<Instant> nextDue() {
        // One ORDER BY ... LIMIT 1 per status rather than MIN() over both: each is one step down the index.
        Optional<Instant> pending = nextDue("PENDING");
        Optional<Instant> failed = nextDue("FAILED");
        if (pending.isEmpty()) {
            return failed;
        }
        return failed.filter(f -> f.isBefore(pending.get())).or(() -> pending);
    }

    private Optional<Instant> nextDue(String status) {
        return jdbc.sql(
                        "SELECT next_attempt_at FROM notify_deliveries WHERE status = ? ORDER BY next_attempt_at LIMIT 1")
                .param(status)
                .query((rs, n) -> JdbcTime.fromDb(rs, "next_attempt_at"))
                .optional();
    }

    public int cancelPendingForMethod(UUID contactMethodId) {
        return jdbc.sql("""
                UPDATE notify_deliveries SET status = 'CANCELLED', last_error = 'The contact method was removed'
                WHERE contact_method_id = ? AND status IN ('PENDING', 'FAILED')""").param(contactMethodId).update();
    }

    public List<DeliveryView> forIncident(UUID incidentId) {
        return jdbc.sql("SELECT * FROM notify_deliveries WHERE incident_id = ? ORDER BY due_at, created_at, id")
                .param(incidentId)
                .query(VIEW)
                .list();
    }

    public List<DeliveryView> forPage(UUID pageId) {
        return jdbc.sql("SELECT * FROM notify_deliveries WHERE page_id = ? ORDER BY due_at, id")
                .param(pageId)
                .query(VIEW)
                .list();
    }

    private static String truncate(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= 1000 ? error : error.substring(0, 997) + "...";
    }
}
