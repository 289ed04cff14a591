package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IdsTests {

    /** The order PostgreSQL and H2 give UUIDs: their 16 bytes compared as unsigned numbers. */
    private static int databaseOrder(UUID a, UUID b) {
        return Arrays.compareUnsigned(bytes(a), bytes(b));
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }

    @Test
    void idsAreVersion7AndEachFollowsThePreviousInTheDatabasesOrder() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            ids.add(Ids.timeOrdered());
        }
        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        });
        for (int i = 1; i < ids.size(); i++) {
            assertThat(databaseOrder(ids.get(i - 1), ids.get(i)))
                    .as("id %d after id %d", i, i - 1)
                    .isNegative();
        }
    }

    @Test
    void idsMadeOnManyThreadsAtOnceAreDistinct() throws Exception {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        seen.add(Ids.timeOrdered());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(80_000);
    }

    @Test
    void theIdCarriesTheMillisecondItWasMadeIn() {
        long before = System.currentTimeMillis();
        UUID id = Ids.timeOrdered();
        long after = System.currentTimeMillis();
        long millis = id.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after);
    }
}
