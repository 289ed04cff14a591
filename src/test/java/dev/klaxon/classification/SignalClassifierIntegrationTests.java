package dev.klaxon.classification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.classification.ErrorBudgetFallback.BudgetState;
import dev.klaxon.classification.internal.AlertRuleStore;
import dev.klaxon.classification.internal.FiringStore;
import dev.klaxon.classification.internal.SloPriorityStore;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.OrganisationRole;
import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@KlaxonIntegrationTest
class SignalClassifierIntegrationTests {

    private static final Caller COACH =
            Caller.user(UUID.randomUUID(), "SRE coach", OrganisationRole.ADMIN, Map.of(), false);

    @LocalServerPort
    int port;

    @Autowired
    SignalClassifier classifier;

    @Autowired
    AlertRules alertRules;

    @Autowired
    SloPriorities sloPriorities;

    @Autowired
    MutableClock clock;

    @Autowired
    AlertRuleStore ruleStore;

    @Autowired
    SloPriorityStore sloPriorityStore;

    @Autowired
    FiringStore firingStore;

    @Autowired
    Classification classification;

    Api admin;
    UUID service;

    @BeforeEach
    void setUp() {
        admin = Api.asAdmin(port);
        service = admin.createService("rules");
    }

    @Test
    void theFirstMatchingRuleDecidesAndTheOrderIsEditable() {
        var critical = alertRules.create(
                service,
                "critical alerts",
                List.of(condition("payload.severity", "equals", "critical")),
                "P1",
                List.of(),
                null,
                COACH);
        var checkout = alertRules.create(
                service,
                "checkout component",
                List.of(condition("payload.component", "regex", "check.*")),
                "P2",
                List.of(),
                null,
                COACH);
        Map<String, String> alert = Map.of("payload.severity", "critical", "payload.component", "checkout-api");

        var first = classifier.classifyAlert(service, alert, clock.instant());
        assertThat(first.priority()).isEqualTo("P1");
        assertThat(first.reason()).isEqualTo("P1 by rule 'critical alerts'");

        alertRules.reorder(service, List.of(checkout.id(), critical.id()), COACH);

        assertThat(classifier.classifyAlert(service, alert, clock.instant()).priority())
                .isEqualTo("P2");
    }

    @Test
    void everyOperatorMatchesAsDocumented() {
        alertRules.create(
                service,
                "team label",
                List.of(condition("labels.team", "equals", "payments")),
                "P1",
                List.of(),
                null,
                COACH);
        alertRules.create(
                service,
                "not prod",
                List.of(condition("labels.env", "notEquals", "prod")),
                "P4",
                List.of(),
                null,
                COACH);
        alertRules.create(
                service,
                "has runbook",
                List.of(new RuleCondition("annotations.runbook", RuleCondition.Op.EXISTS, null)),
                "P2",
                List.of(),
                null,
                COACH);
        alertRules.create(
                service,
                "db hosts",
                List.of(condition("custom_details.host", "regex", "db-[0-9]+")),
                "P3",
                List.of(),
                null,
                COACH);

        assertThat(priority(Map.of("labels.team", "payments", "labels.env", "prod")))
                .isEqualTo("P1");
        assertThat(priority(Map.of("labels.env", "staging"))).isEqualTo("P4");
        assertThat(priority(Map.of("labels.env", "prod", "annotations.runbook", "http://runbooks/x")))
                .isEqualTo("P2");
        assertThat(priority(Map.of("labels.env", "prod", "custom_details.host", "db-12")))
                .isEqualTo("P3");
        assertThat(priority(Map.of("labels.env", "prod", "custom_details.host", "db-12a")))
                .isEqualTo("P4"); // least urgent
    }

    @Test
    void aRuleWithoutPriorityRecordsTheAlertButOpensNothing() {
        alertRules.create(
                service,
                "info is noise",
                List.of(condition("payload.severity", "equals", "info")),
                null,
                List.of(),
                null,
                COACH);

        var decision = classifier.classifyAlert(service, Map.of("payload.severity", "info"), clock.instant());

        assertThat(decision.openIncident()).isFalse();
        assertThat(decision.reason()).isEqualTo("No incident by rule 'info is noise'");
    }

    @Test
    void theServiceDefaultAppliesWhenNoRuleMatches() {
        assertThat(classifier.classifyAlert(service, Map.of(), clock.instant()).reason())
                .isEqualTo("P4 as no rule matched (least urgent priority)");

        alertRules.setDefault(service, true, "P3", COACH);
        assertThat(classifier.classifyAlert(service, Map.of(), clock.instant()).reason())
                .isEqualTo("P3 by the service default");

        alertRules.setDefault(service, false, null, COACH);
        assertThat(classifier.classifyAlert(service, Map.of(), clock.instant()).openIncident())
                .isFalse();
    }

    @Test
    void onceIsP4ButMoreThanThreeTimesWithinAnHourIsP2() {
        alertRules.create(
                service,
                "checkout availability",
                List.of(condition("labels.alertname", "equals", "CheckoutDown")),
                "P4",
                List.of(new FrequencyStep(3, Duration.ofHours(1), "P2")),
                null,
                COACH);
        var alert = Map.of("labels.alertname", "CheckoutDown");

        assertThat(classifier.classifyAlert(service, alert, clock.instant()).priority())
                .isEqualTo("P4");
        clock.advance(Duration.ofMinutes(10));
        assertThat(classifier.classifyAlert(service, alert, clock.instant()).priority())
                .isEqualTo("P4");
        clock.advance(Duration.ofMinutes(10));
        assertThat(classifier.classifyAlert(service, alert, clock.instant()).priority())
                .isEqualTo("P4");
        clock.advance(Duration.ofMinutes(10));

        var fourth = classifier.classifyAlert(service, alert, clock.instant());
        assertThat(fourth.priority()).isEqualTo("P2");
        assertThat(fourth.reason()).isEqualTo("P2 by rule 'checkout availability': fired 4 times within 1h");

        // The counts live in the database: a fresh classifier (as after a restart) sees them too.
        var afterRestart = new SignalClassifier(ruleStore, sloPriorityStore, firingStore, classification);
        clock.advance(Duration.ofMinutes(5));
        assertThat(afterRestart.classifyAlert(service, alert, clock.instant()).priority())
                .isEqualTo("P2");

        clock.advance(Duration.ofMinutes(61));
        assertThat(afterRestart.classifyAlert(service, alert, clock.instant()).priority())
                .isEqualTo("P4");
    }

    @Test
    void theNotificationTeamsSlosGetTheirPrioritiesOrTheFallback() {
        // Chapter 9, tables 9.3 and 9.4.
        var slos = Map.of(
                "Application cannot register with notification services", "P2",
                "Application cannot notify its users", "P2",
                "Notifications arrive with a delay", "P3");
        var withoutPriority =
                List.of("Notification preferences cannot be set", "Notifications are sent in the wrong language");
        var healthyBudget = new BudgetState(0.95, false, d -> 0.0);
        var burningBudget = new BudgetState(0.35, true, d -> 0.0);

        slos.forEach((name, priority) -> {
            UUID slo = newSlo(name);
            sloPriorities.set(slo, priority, List.of(), COACH);
            var decision = classifier.classifySloBreach(slo, name, clock.instant(), healthyBudget);
            assertThat(decision.priority()).isEqualTo(priority);
            assertThat(decision.reason()).isEqualTo(priority + " by SLO '" + name + "'");
        });
        for (String name : withoutPriority) {
            UUID slo = newSlo(name);
            sloPriorities.set(slo, null, List.of(), COACH);
            assertThat(classifier
                            .classifySloBreach(slo, name, clock.instant(), burningBudget)
                            .priority())
                    .isEqualTo("P2");
            assertThat(classifier
                            .classifySloBreach(slo, name, clock.instant(), healthyBudget)
                            .reason())
                    .contains("no error-budget rule matched");
        }
    }

    @Test
    void aBreachGetsThePriorityItsSloHadWhenItOccurred() {
        UUID slo = newSlo("latency");
        sloPriorities.set(slo, "P3", List.of(), COACH);
        var breachAt = clock.instant();
        clock.advance(Duration.ofHours(2));
        sloPriorities.set(slo, "P1", List.of(), COACH);

        assertThat(classifier.classifySloBreach(slo, "latency", breachAt, null).priority())
                .isEqualTo("P3");
        assertThat(classifier
                        .classifySloBreach(slo, "latency", clock.instant(), null)
                        .priority())
                .isEqualTo("P1");
    }

    private String priority(Map<String, String> fields) {
        return classifier.classifyAlert(service, fields, clock.instant()).priority();
    }

    private static RuleCondition condition(String field, String op, String value) {
        return new RuleCondition(field, RuleCondition.Op.fromWire(op), value);
    }

    /** An SLO of the test's service (priorities belong to SLOs that exist); its creation is a minute ago. */
    private UUID newSlo(String name) {
        UUID id = UUID.fromString(admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"%s %s","objective":99.9,"window":"P30D"}""".formatted(
                                service, name, UUID.randomUUID().toString().substring(0, 8)))
                .expect(201)
                .json()
                .get("id")
                .asString());
        clock.advance(Duration.ofMinutes(1));
        return id;
    }
}
