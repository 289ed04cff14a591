package dev.klaxon.intake.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Per-integration token buckets ({@code rateLimitPerMinute} tokens, refilled smoothly over a minute). In
 * memory, per instance: with N instances behind a load balancer an integration may get up to N times its
 * limit. The buckets refill on the injected {@link Clock}, like every other rule about time.
 */
@Component
class RateLimits {

    private final TimeMeter time;

    RateLimits(Clock clock) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

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
                            .withCustomTimePrecision(time)
                            .addLimit(Bandwidth.builder()
                                    .capacity(perMinute)
                                    .refillGreedy(perMinute, Duration.ofMinutes(1))
                                    .build())
                            .build());
        });
        return limited.bucket().tryConsume(1);
    }
}
