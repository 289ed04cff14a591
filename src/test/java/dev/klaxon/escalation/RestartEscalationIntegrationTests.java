package dev.klaxon.escalation;

import static dev.klaxon.escalation.EscalationTestSupport.levels;
import static dev.klaxon.escalation.EscalationTestSupport.userLevel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonInstance;
import dev.klaxon.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Klaxon stops with an escalation under way; while it is down the next level falls due; the restarted
 * instance's own engine loop (running as in production) pages it without being asked, exactly once.
 */
class RestartEscalationIntegrationTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final String dataDir = "target/test-data/restart-" + UUID.randomUUID();

    @Test
    void stepsThatFellDueWhileKlaxonWasDownArePagedOnStart() {
        UUID incident;
        UUID first;
        UUID second;
        try (var before = start()) {
            var support = support(before);
            first = support.person("Before");
            second = support.person("After");
            var service = support.service(
                    support.team(),
                    support.policy(levels(userLevel("PT5M", first), userLevel("PT5M", second)), 0, null));
            incident = support.trigger(service, EscalationTestSupport.unique("restart"));
            UUID opened = incident;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !support.paged(opened, "L1.C0").isEmpty());
        }

        clock.advance(Duration.ofMinutes(30));

        try (var after = start()) {
            var support = support(after);
            UUID opened = incident;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !support.paged(opened, "L2.C0").isEmpty());
            assertThat(support.pages(incident))
                    .extracting(row -> row.get("step_key") + "=" + row.get("user_id"))
                    .containsExactlyInAnyOrder("L1.C0=" + first, "L2.C0=" + second);
            assertThat(support.escalation(incident).get("status").asString()).isEqualTo("EXHAUSTED");
        }
    }

    private ConfigurableApplicationContext start() {
        return KlaxonInstance.start(
                clock,
                dataDir,
                "klaxon.escalation.worker.enabled=true",
                "klaxon.escalation.worker.poll-interval=200ms");
    }

    private static EscalationTestSupport support(ConfigurableApplicationContext context) {
        return new EscalationTestSupport(Api.asAdmin(KlaxonInstance.port(context)), context.getBean(JdbcClient.class));
    }
}
