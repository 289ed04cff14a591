package dev.klaxon.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Hand-offs are announced once per change of person, however many callers race for them. The shared
 * {@code RecordedEvents} only keeps incident events, so this test listens for {@link ShiftHandedOff} itself.
 */
@KlaxonIntegrationTest
class HandOffIntegrationTests {

    static final List<ShiftHandedOff> HANDED_OFF = new CopyOnWriteArrayList<>();
    static volatile boolean listening;

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    HandOffs handOffs;

    @Autowired
    ConfigurableApplicationContext context;

    Api admin;

    @BeforeEach
    void setUp() {
        admin = Api.asAdmin(port);
        synchronized (HandOffIntegrationTests.class) {
            if (!listening) {
                context.addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) e -> {
                    if (e.getPayload() instanceof ShiftHandedOff handedOff) {
                        HANDED_OFF.add(handedOff);
                    }
                });
                listening = true;
            }
        }
    }

    List<ShiftHandedOff> of(String rotationId) {
        return HANDED_OFF.stream()
                .filter(e -> e.rotationId().toString().equals(rotationId))
                .toList();
    }

    String user(String name) {
        return admin.post(
                        "/api/v1/users",
                        "{\"username\":\"handoff-" + UUID.randomUUID() + "\",\"name\":\"" + name + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    @Test
    void eachChangeOfPersonIsAnnouncedExactlyOnceEvenWhenTwoCallersRace() throws Exception {
        String team = admin.post("/api/v1/teams", "{\"name\":\"handoff-" + UUID.randomUUID() + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
        String alice = user("Alice Handoff");
        String bob = user("Bob Handoff");
        // Hourly shifts in UTC, alternating alice and bob: the next change is at most one hour away.
        LocalDate yesterday =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        String rotation = admin.post("/api/v1/rotations", """
                        {"name":"hourly-%s","teamId":"%s","role":"Incident coordinator","participants":["%s","%s"],
                         "shiftLength":"PT1H","handoffTime":"00:00","timeZone":"UTC","start":"%s"}""".formatted(UUID.randomUUID(), team, alice, bob, yesterday))
                .expect(201)
                .json()
                .get("id")
                .asString();

        handOffs.announceDue();
        assertThat(of(rotation)).isEmpty();

        clock.advance(Duration.ofHours(1));
        Instant boundary = clock.instant().truncatedTo(ChronoUnit.HOURS);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> calls = List.of(
                    pool.submit(() -> {
                        go.await();
                        return handOffs.announceDue();
                    }),
                    pool.submit(() -> {
                        go.await();
                        return handOffs.announceDue();
                    }));
            go.countDown();
            for (Future<Integer> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(of(rotation)).singleElement().satisfies(e -> {
            assertThat(e.at()).isEqualTo(boundary);
            assertThat(e.role()).isEqualTo("Incident coordinator");
            assertThat(e.teamId().toString()).isEqualTo(team);
            assertThat(e.outgoingUserId()).isNotEqualTo(e.incomingUserId());
            assertThat(List.of(e.outgoingUserId().toString(), e.incomingUserId().toString()))
                    .containsExactlyInAnyOrder(alice, bob);
        });
        handOffs.announceDue();
        assertThat(of(rotation)).hasSize(1);

        // Down for three hand-offs: only the latest is announced.
        clock.advance(Duration.ofHours(3));
        handOffs.announceDue();
        assertThat(of(rotation)).hasSize(2);
        assertThat(of(rotation).get(1).at()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.HOURS));
    }

    @Test
    void aHandOffToTheSamePersonIsNoChangeButAnOverrideIs() {
        String team = admin.post("/api/v1/teams", "{\"name\":\"handoff-" + UUID.randomUUID() + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
        String alice = user("Alice Alone");
        String carol = user("Carol Covers");
        LocalDate yesterday =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        String rotation = admin.post("/api/v1/rotations", """
                        {"name":"solo-%s","teamId":"%s","role":"Technical expert","participants":["%s"],
                         "shiftLength":"PT1H","handoffTime":"00:00","timeZone":"UTC","start":"%s"}""".formatted(UUID.randomUUID(), team, alice, yesterday))
                .expect(201)
                .json()
                .get("id")
                .asString();
        Instant coverFrom = clock.instant().plus(Duration.ofMinutes(90));
        admin.post("/api/v1/rotations/" + rotation + "/overrides", """
                        {"userId":"%s","from":"%s","until":"%s"}""".formatted(
                                carol, coverFrom, coverFrom.plus(Duration.ofHours(5))))
                .expect(201);

        clock.advance(Duration.ofHours(1));
        handOffs.announceDue();
        assertThat(of(rotation)).isEmpty();

        clock.advance(Duration.ofMinutes(30));
        handOffs.announceDue();
        assertThat(of(rotation)).singleElement().satisfies(e -> {
            assertThat(e.at()).isEqualTo(coverFrom);
            assertThat(e.outgoingUserId().toString()).isEqualTo(alice);
            assertThat(e.incomingUserId().toString()).isEqualTo(carol);
        });
    }
}
