package dev.klaxon.slo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Several instances polling at once: every due SLO is claimed by exactly one of them. */
@KlaxonIntegrationTest
class ScheduleStoreIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ScheduleStore schedule;

    @Autowired
    MutableClock clock;

    @Test
    void concurrentPollersClaimEachDueSloOnce() throws Exception {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-claims");
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            created.add(UUID.fromString(admin.post("/api/v1/slos", """
                            {"serviceId":"%s","name":"claim-%d","objective":99.9,"window":"P28D"}""".formatted(service, i))
                    .expect(201)
                    .json()
                    .get("id")
                    .asString()));
        }
        clock.advance(Duration.ofMinutes(2));
        Instant now = clock.instant();
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<UUID>>> results = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                String owner = "instance-" + p;
                Callable<List<UUID>> poll = () -> schedule.claimDue(now, owner, now.plus(Duration.ofMinutes(2)), 1000);
                results.add(pool.submit(poll));
            }
            List<UUID> all = new ArrayList<>();
            for (var r : results) {
                all.addAll(r.get());
            }
            assertThat(new HashSet<>(all)).hasSameSizeAs(all).containsAll(created);
            // Leased: nobody gets them again until the lease runs out.
            assertThat(schedule.claimDue(now, "late", now.plus(Duration.ofMinutes(2)), 1000))
                    .doesNotContainAnyElementsOf(created);
            Instant afterLease = now.plus(Duration.ofMinutes(3));
            assertThat(schedule.claimDue(afterLease, "takeover", afterLease.plus(Duration.ofMinutes(2)), 1000))
                    .containsAll(created);
        } finally {
            pool.shutdownNow();
        }
    }
}
