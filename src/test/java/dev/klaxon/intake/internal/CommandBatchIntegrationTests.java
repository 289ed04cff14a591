package dev.klaxon.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.intake.IntakeTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** A group-commit batch as the writer applies it: repeats are counted together, in order with the other commands. */
class CommandBatchIntegrationTests extends IntakeTestSupport {

    @Autowired
    CommandProcessor processor;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    AlertStore alerts;

    @Test
    void repeatsInABatchAreCountedBeforeTheCommandThatFollowsThem() {
        var f = fixture("events-v2");

        var results = applyAll(List.of(
                event(f, AlertAction.TRIGGER, "k1"),
                event(f, AlertAction.TRIGGER, "k1"),
                event(f, AlertAction.TRIGGER, "k1"),
                event(f, AlertAction.RESOLVE, "k1"),
                event(f, AlertAction.TRIGGER, "k1"),
                event(f, AlertAction.TRIGGER, "k2")));

        assertThat(results)
                .containsExactly(
                        Applied.OPENED,
                        Applied.REPEATED,
                        Applied.REPEATED,
                        Applied.RESOLVED,
                        Applied.OPENED,
                        Applied.OPENED);
        var alerts = jdbc.sql(
                        "SELECT event_count FROM intake_alerts WHERE service_id = ? AND dedup_key = 'k1' ORDER BY first_seen, status")
                .param(f.serviceId())
                .query(Integer.class)
                .list();
        assertThat(alerts).containsExactlyInAnyOrder(3, 1);
        assertThat(incidentCount(f)).isEqualTo(3);
        JsonNode first = firstIncident(f);
        assertThat(first.get("status").stringValue()).isEqualTo("RESOLVED");
        assertThat(repeatCounts(first.get("id").stringValue())).containsExactly(2);
    }

    @Test
    void repeatsOfAnAlertClosedBehindTheWritersBackOpenANewOneAndFoldIntoIt() {
        var f = fixture("events-v2");
        assertThat(applyAll(List.of(event(f, AlertAction.TRIGGER, "k")))).containsExactly(Applied.OPENED);
        String incident = firstIncident(f).get("id").stringValue();
        // A person resolves the incident: its alerts close, while the writer still remembers the alert as open.
        adminPost("/api/v1/incidents/" + incident + "/resolve", Map.of());

        var results = applyAll(List.of(event(f, AlertAction.TRIGGER, "k"), event(f, AlertAction.TRIGGER, "k")));

        assertThat(results).containsExactly(Applied.OPENED, Applied.REPEATED);
        assertThat(incidentCount(f)).isEqualTo(2);
        assertThat(alertCount(f)).isEqualTo(2);
        assertThat(repeatCounts(incident)).isEmpty();
    }

    @Test
    void newAlertsOfABatchOpenAnIncidentEachWithItsNumberTimelineAndEscalation() {
        var f = fixture("events-v2");

        // The second "a" waits until a and b are written, then finds a open: a repeat.
        var results = applyAll(List.of(
                event(f, AlertAction.TRIGGER, "a"),
                event(f, AlertAction.TRIGGER, "b"),
                event(f, AlertAction.TRIGGER, "a"),
                event(f, AlertAction.TRIGGER, "c")));

        assertThat(results).containsExactly(Applied.OPENED, Applied.OPENED, Applied.REPEATED, Applied.OPENED);
        JsonNode items =
                adminGet("/api/v1/incidents?serviceId=" + f.serviceId()).get("items");
        assertThat(items).hasSize(3);
        List<String> titles = new ArrayList<>();
        for (JsonNode incident : items) {
            String id = incident.get("id").stringValue();
            long number = incident.get("number").longValue();
            titles.add(incident.get("title").stringValue());
            JsonNode timeline = adminGet("/api/v1/incidents/" + id + "/timeline");
            assertThat(timeline.get(0).get("kind").stringValue()).isEqualTo("incidents.alert_received");
            assertThat(timeline.get(1).get("message").stringValue()).startsWith("Incident #" + number + " opened on");
            assertThat(adminGet("/api/v1/incidents/" + id + "/escalation")
                            .get("startedAt")
                            .isNull())
                    .isFalse();
            assertThat(adminGet("/api/v1/incidents/" + id + "/alerts")).hasSize(1);
        }
        assertThat(titles).containsExactlyInAnyOrder("Batch a", "Batch b", "Batch c");
        assertThat(items.get(0).get("number").longValue())
                .isNotEqualTo(items.get(1).get("number").longValue());
        assertThat(repeatCounts(items.get(2).get("id").stringValue())).containsExactly(1);
    }

    @Test
    void incidentsAndAlertsOpenedOneAfterTheOtherSortByIdInTheOrderTheyWereOpened() {
        // Time-ordered ids put each new row at the end of its indexes; this is the database's own order of them.
        var f = fixture("events-v2");
        List<String> keys = new ArrayList<>();
        for (int batch = 0; batch < 5; batch++) {
            List<IntakeCommand> commands = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String key = "ordered-" + batch + "-" + i;
                keys.add(key);
                commands.add(event(f, AlertAction.TRIGGER, key));
            }
            applyAll(commands);
        }

        List<Long> numbersById = jdbc.sql("SELECT number FROM incidents_incidents WHERE service_id = ? ORDER BY id")
                .param(f.serviceId())
                .query(Long.class)
                .list();
        assertThat(numbersById).hasSize(20).isSorted();
        assertThat(jdbc.sql("SELECT dedup_key FROM intake_alerts WHERE service_id = ? ORDER BY id")
                        .param(f.serviceId())
                        .query(String.class)
                        .list())
                .containsExactlyElementsOf(keys);
    }

    @Test
    void aBatchedInsertOfAKeyThatIsOpenAlreadyFailsAsADuplicateKeySoThePipelineRetriesItAsARepeat() {
        var f = fixture("events-v2");
        assertThat(applyAll(List.of(event(f, AlertAction.TRIGGER, "raced")))).containsExactly(Applied.OPENED);

        // What another instance's writer does when it opened the same key a moment earlier.
        assertThatThrownBy(() -> new TransactionTemplate(transactionManager)
                        .executeWithoutResult(status -> alerts.insertAll(List.of(new AlertStore.NewAlert(
                                UUID.randomUUID(), null, null, event(f, AlertAction.TRIGGER, "raced"))))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(alertCount(f)).isEqualTo(1);
    }

    private List<Applied> applyAll(List<IntakeCommand> commands) {
        return new TransactionTemplate(transactionManager).execute(status -> processor.applyAll(commands));
    }

    private AlertEvent event(Fixture f, AlertAction action, String key) {
        return new AlertEvent(
                action,
                f.integrationId(),
                "batch-test",
                f.serviceId(),
                key,
                "Batch " + key,
                "host",
                "critical",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                clock.instant());
    }

    private JsonNode firstIncident(Fixture f) {
        JsonNode items =
                adminGet("/api/v1/incidents?serviceId=" + f.serviceId()).get("items");
        return items.get(items.size() - 1);
    }

    private List<Integer> repeatCounts(String incidentId) {
        List<Integer> counts = new ArrayList<>();
        adminGet("/api/v1/incidents/" + incidentId + "/timeline").forEach(line -> {
            if (line.get("kind").stringValue().equals("incidents.alert_repeated")) {
                counts.add(line.get("count").intValue());
            }
        });
        return counts;
    }
}
