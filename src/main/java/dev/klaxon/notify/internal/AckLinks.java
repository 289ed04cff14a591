package dev.klaxon.notify.internal;

import dev.klaxon.common.JdbcTime;
import dev.klaxon.common.KlaxonProperties;
import dev.klaxon.common.Secrets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed acknowledge links. A token is {@code base64url(page id | expiry second | HMAC-SHA256 of both)}: nothing
 * is stored per link, the signature proves Klaxon made it, and single use is the page's {@code link_used_at}.
 * The key is {@code klaxon.notify.link-secret}, or a random key the first instance stores for all.
 */
@Component
public class AckLinks {

    private static final int PAYLOAD = 16 + 8;
    private static final int SIGNATURE = 32;
    private static final String KEY_NAME = "ack-links";

    /** What a token says, once its signature checked out. */
    public sealed interface Verdict {}

    public record Valid(UUID pageId, Instant expiresAt) implements Verdict {}

    public record Expired(UUID pageId, Instant expiredAt) implements Verdict {}

    public record Forged() implements Verdict {}

    private final NotifyProperties properties;
    private final KlaxonProperties klaxon;
    private final JdbcClient jdbc;
    private final TransactionTemplate newTransaction;
    private final Clock clock;
    private volatile byte[] key;

    AckLinks(
            NotifyProperties properties,
            KlaxonProperties klaxon,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.properties = properties;
        this.klaxon = klaxon;
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** The token of a page; the same for every delivery of the page, valid until paged-at plus link expiry. */
    public String token(UUID pageId, Instant pagedAt) {
        Instant expiresAt = pagedAt.plus(properties.linkExpiry());
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD + SIGNATURE);
        payload.putLong(pageId.getMostSignificantBits())
                .putLong(pageId.getLeastSignificantBits())
                .putLong(expiresAt.getEpochSecond());
        payload.put(sign(Arrays.copyOf(payload.array(), PAYLOAD)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
    }

    public String url(UUID pageId, Instant pagedAt) {
        return klaxon.url("/ack/" + token(pageId, pagedAt));
    }

    /** Checks the signature in constant time first, the expiry second: a forged token learns nothing. */
    public Verdict verify(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token == null ? "" : token);
        } catch (IllegalArgumentException e) {
            return new Forged();
        }
        if (bytes.length != PAYLOAD + SIGNATURE) {
            return new Forged();
        }
        byte[] expected = sign(Arrays.copyOf(bytes, PAYLOAD));
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, PAYLOAD, PAYLOAD + SIGNATURE))) {
            return new Forged();
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes);
        UUID pageId = new UUID(payload.getLong(), payload.getLong());
        Instant expiresAt = Instant.ofEpochSecond(payload.getLong());
        return clock.instant().isBefore(expiresAt) ? new Valid(pageId, expiresAt) : new Expired(pageId, expiresAt);
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }

    private byte[] key() {
        byte[] current = key;
        if (current == null) {
            String configured = properties.linkSecret();
            current = (configured != null && !configured.isBlank() ? configured : storedSecret())
                    .getBytes(StandardCharsets.UTF_8);
            key = current;
        }
        return current;
    }

    /** The shared key from the database, created by whichever instance asks first (the primary key decides). */
    private String storedSecret() {
        String existing = newTransaction.execute(status -> {
            String stored = read();
            if (stored != null) {
                return stored;
            }
            try {
                jdbc.sql("INSERT INTO notify_link_keys (name, secret, created_at) VALUES (?, ?, ?)")
                        .params(KEY_NAME, Secrets.randomHex(64), JdbcTime.toDb(clock.instant()))
                        .update();
            } catch (DataIntegrityViolationException e) {
                status.setRollbackOnly(); // another instance was first; read its key below
            }
            return null;
        });
        return existing != null ? existing : newTransaction.execute(status -> read());
    }

    private String read() {
        return jdbc.sql("SELECT secret FROM notify_link_keys WHERE name = ?")
                .param(KEY_NAME)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
