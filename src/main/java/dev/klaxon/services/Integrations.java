package dev.klaxon.services;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.klaxon.common.Ids;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.common.KlaxonProperties;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.common.Secrets;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integrations and their routing keys. Keys are 32 lowercase hex characters (the shape PagerDuty clients
 * and Alertmanager's config validation expect), shown once and stored as SHA-256.
 */
@Service
public class Integrations {

    public static final int KEY_LENGTH = 32;

    /**
     * Intake looks a key up for every event; a short-lived cache keeps that off the database. A change made
     * on another instance (say, disabling an integration) takes effect here within this time.
     */
    private static final Duration KEY_CACHE_TTL = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Services services;
    private final KlaxonProperties properties;
    private final Cache<String, Optional<IntegrationView>> byKeyHash = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(KEY_CACHE_TTL)
            .build();

    Integrations(JdbcClient jdbc, Clock clock, Services services, KlaxonProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.services = services;
        this.properties = properties;
    }

    @Transactional
    public CreatedIntegration create(
            UUID serviceId, IntegrationType type, String name, Integer rateLimitPerMinute, Caller by) {
        by.require(Permission.SERVICES_MANAGE, services.get(serviceId).teamId());
        if (rateLimitPerMinute != null && rateLimitPerMinute < 1) {
            throw InvalidInputException.of("rateLimitPerMinute", "must be at least 1, or null for no limit");
        }
        String key = Secrets.randomHex(KEY_LENGTH);
        UUID id = Ids.timeOrdered();
        String displayName = name == null || name.isBlank() ? type.wireName() : name.strip();
        jdbc.sql("""
                INSERT INTO services_integrations
                    (id, service_id, type, name, key_hash, key_prefix, enabled, rate_limit_per_minute, created_at)
                VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?)""")
                .params(
                        id,
                        serviceId,
                        type.name(),
                        displayName,
                        Secrets.sha256Hex(key),
                        key.substring(0, 6),
                        rateLimitPerMinute,
                        JdbcTime.toDb(clock.instant()))
                .update();
        var view = get(id);
        return new CreatedIntegration(view, key, urlFor(type, key));
    }

    @Transactional(readOnly = true)
    public List<IntegrationView> list(UUID serviceId) {
        return jdbc.sql("SELECT * FROM services_integrations WHERE service_id = ? ORDER BY created_at")
                .param(serviceId)
                .query(this::map)
                .list();
    }

    @Transactional(readOnly = true)
    public IntegrationView get(UUID id) {
        return jdbc.sql("SELECT * FROM services_integrations WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("Integration", id));
    }

    @Transactional
    public IntegrationView setEnabled(UUID id, boolean enabled, Caller by) {
        requireManager(id, by);
        if (jdbc.sql("UPDATE services_integrations SET enabled = ? WHERE id = ?")
                        .params(enabled, id)
                        .update()
                == 0) {
            throw new NotFoundException("Integration", id);
        }
        byKeyHash.invalidateAll();
        return get(id);
    }

    @Transactional
    public IntegrationView setRateLimit(UUID id, Integer rateLimitPerMinute, Caller by) {
        requireManager(id, by);
        if (rateLimitPerMinute != null && rateLimitPerMinute < 1) {
            throw InvalidInputException.of("rateLimitPerMinute", "must be at least 1, or null for no limit");
        }
        if (jdbc.sql("UPDATE services_integrations SET rate_limit_per_minute = ? WHERE id = ?")
                        .params(rateLimitPerMinute, id)
                        .update()
                == 0) {
            throw new NotFoundException("Integration", id);
        }
        byKeyHash.invalidateAll();
        return get(id);
    }

    /**
     * Changes what is given, all or nothing: {@code enabled} when not null, the rate limit when
     * {@code rateLimitPerMinute} is given or {@code unlimited} removes it. The permission is checked even when
     * nothing is to change.
     */
    @Transactional
    public IntegrationView change(UUID id, Boolean enabled, Integer rateLimitPerMinute, boolean unlimited, Caller by) {
        requireManager(id, by);
        if (rateLimitPerMinute != null && rateLimitPerMinute < 1) {
            throw InvalidInputException.of("rateLimitPerMinute", "must be at least 1, or null for no limit");
        }
        IntegrationView result = get(id);
        if (enabled != null) {
            result = setEnabled(id, enabled, by);
        }
        if (rateLimitPerMinute != null || unlimited) {
            result = setRateLimit(id, unlimited ? null : rateLimitPerMinute, by);
        }
        return result;
    }

    private void requireManager(UUID integrationId, Caller by) {
        by.require(
                Permission.SERVICES_MANAGE,
                services.get(get(integrationId).serviceId()).teamId());
    }

    /** The integration a routing key belongs to, enabled or not; empty for an unknown key. */
    public Optional<IntegrationView> findByKey(String key) {
        if (key == null || key.length() != KEY_LENGTH) {
            return Optional.empty();
        }
        return byKeyHash.get(
                Secrets.sha256Hex(key),
                hash -> jdbc.sql("SELECT * FROM services_integrations WHERE key_hash = ?")
                        .param(hash)
                        .query(this::map)
                        .optional());
    }

    private String urlFor(IntegrationType type, String key) {
        return switch (type) {
            case EVENTS_V2 -> properties.url("/v2/enqueue");
            case ALERTMANAGER -> properties.url("/api/v1/integrations/alertmanager/" + key);
        };
    }

    private IntegrationView map(ResultSet rs, int row) throws SQLException {
        var type = IntegrationType.valueOf(rs.getString("type"));
        int limit = rs.getInt("rate_limit_per_minute");
        Integer rateLimit = rs.wasNull() ? null : limit;
        return new IntegrationView(
                rs.getObject("id", UUID.class),
                rs.getObject("service_id", UUID.class),
                type,
                rs.getString("name"),
                rs.getString("key_prefix"),
                rs.getBoolean("enabled"),
                rateLimit,
                type == IntegrationType.EVENTS_V2
                        ? properties.url("/v2/enqueue")
                        : properties.url("/api/v1/integrations/alertmanager/" + rs.getString("key_prefix") + "…"),
                JdbcTime.fromDb(rs, "created_at"));
    }
}
