package dev.klaxon.intake.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Per-integration token buckets ({@code rateLimitPerMinute} tokens, refilled smoothly over a minute). In
 * memory, per instance: with N instances behind a load balancer an integration may get up to N times its
 * limit.
 */
@Component
class RateLimits {

    private record Limited(int perMinute, Bucket bucket) {}

    private final Cache<UUID, Limited> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    /** Takes one token; false when the integration is over its limit. Null limit = unlimited. */
    boolean tryAcquire(UUID integrationId, Integer perMinute) {
        if (perMinute == null) {
            return true;
        }
        Limited limited = buckets.asMap().compute(integrationId, (id, current) -> {
            if (current != null && current.perMinute() == perMinute) {
                return current;
            }
            return new Limited(
                    perMinute,
                    Bucket.builder()
                            .addLimit(Bandwidth.builder()
                                    .capacity(perMinute)
                                    .refillGreedy(perMinute, Duration.ofMinutes(1))
                                    .build())
                            .build());
        });
        return limited.bucket().tryConsume(1);
    }
}
