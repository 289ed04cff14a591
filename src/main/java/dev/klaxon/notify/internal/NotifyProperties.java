package dev.klaxon.notify.internal;

import dev.klaxon.common.WorkerSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code klaxon.notify.*}: contact methods, the delivery outbox and acknowledge links.
 *
 * @param worker {@code klaxon.notify.worker.*}: {@code enabled} (default true; every instance may run the delivery
 *     worker, the database hands each delivery to one of them), {@code poll-interval} (how often it looks for due
 *     deliveries, default 1s; it also wakes when the next delivery falls due and at once when a transaction that
 *     created deliveries commits on this instance), {@code settle} (default 0)
 * @param batchSize deliveries read, sent and recorded together (default 100)
 * @param senders parallel sends per instance, so one slow webhook does not hold the rest (default 32)
 * @param maxInFlight claimed deliveries not yet sent and recorded, at most, per instance (default 10000): how far
 *     claiming runs ahead of sending in a burst. They wait for a sender under their lease; one that would begin
 *     too late to finish within it goes back to PENDING unsent (see Outbox#deliver)
 * @param lease how long a claimed delivery may take to send before another instance takes it over (default
 *     2m; longer than any channel timeout)
 * @param maxAttempts attempts before a delivery is abandoned (default 6)
 * @param backoff the wait after the first failed attempt; it doubles per failure (default 30s)
 * @param maxBackoff the longest wait between attempts (default 15m)
 * @param timeout connect and read timeout of HTTP channels (default 10s)
 * @param linkExpiry how long an acknowledge link stays valid after the page (default 24h)
 * @param linkSecret the key acknowledge links are signed with; when empty, a random key is generated once and
 *     stored in the database so that every instance shares it
 * @param mailFrom the sender address of e-mails (default klaxon@localhost)
 * @param twilio the Twilio-compatible REST API for SMS and voice
 */
@ConfigurationProperties("klaxon.notify")
public record NotifyProperties(
        WorkerSettings worker,
        @DefaultValue("100") int batchSize,
        @DefaultValue("32") int senders,
        @DefaultValue("10000") int maxInFlight,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("30s") Duration backoff,
        @DefaultValue("15m") Duration maxBackoff,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("24h") Duration linkExpiry,
        String linkSecret,
        @DefaultValue("klaxon@localhost") String mailFrom,
        @DefaultValue Twilio twilio) {

    public NotifyProperties {
        worker = (worker == null ? new WorkerSettings(null, null, null) : worker)
                .withDefaults("notify", Duration.ofSeconds(1), Duration.ZERO);
        if (batchSize < 1 || senders < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("klaxon.notify.batch-size, senders and max-attempts must be at least 1");
        }
        if (maxInFlight < batchSize) {
            throw new IllegalArgumentException("klaxon.notify.max-in-flight must be at least klaxon.notify.batch-size");
        }
        if (backoff.isNegative() || backoff.isZero()) {
            throw new IllegalArgumentException("klaxon.notify.backoff must be positive");
        }
        if (lease.compareTo(timeout.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("klaxon.notify.lease must be longer than twice klaxon.notify.timeout");
        }
    }

    /**
     * @param baseUrl where the Twilio-compatible API lives (default https://api.twilio.com)
     * @param accountSid the account SID (HTTP Basic user and part of the path)
     * @param authToken the auth token (HTTP Basic password)
     * @param from the number messages and calls come from, in E.164
     */
    public record Twilio(
            @DefaultValue("https://api.twilio.com") String baseUrl, String accountSid, String authToken, String from) {

        public boolean configured() {
            return accountSid != null
                    && !accountSid.isBlank()
                    && authToken != null
                    && !authToken.isBlank()
                    && from != null
                    && !from.isBlank();
        }
    }

    /** The wait before attempt {@code failedAttempts + 1}: backoff, doubled per failure, capped. */
    public Duration backoffAfter(int failedAttempts) {
        Duration wait = backoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
