package dev.klaxon.slo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.common.InvalidInputException;
import dev.klaxon.slo.AlertCondition;
import dev.klaxon.slo.AlertingSettings;
import dev.klaxon.slo.SliQueries;
import dev.klaxon.slo.SloSpec;
import dev.klaxon.slo.SloView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sloth and OpenSLO documents, the projects' published examples among them, read and written without Spring. */
class SloFormatsTests {

    @Test
    void slothGettingStartedBecomesAPulledSloAndReportsWhatKlaxonDoesNotUse() {
        var report = read("sloth/getting-started.yml");

        assertThat(report.formats).containsExactly("sloth");
        assertThat(report.slos).hasSize(1);
        var candidate = report.slos.get(0);
        assertThat(candidate.service()).isEqualTo("myservice");
        assertThat(candidate.path()).isEqualTo("slos[0]");
        SloSpec spec = candidate.spec();
        assertThat(spec.name()).isEqualTo("requests-availability");
        assertThat(spec.objective()).isEqualTo(99.9);
        assertThat(spec.window()).isEqualTo("P30D");
        assertThat(spec.description()).isEqualTo("Common SLO based on availability for HTTP request responses.");
        assertThat(spec.queries())
                .isEqualTo(new SliQueries(
                        null,
                        "sum(rate(http_request_duration_seconds_count{job=\"myservice\",code=~\"(5..|429)\"}[{{.window}}]))",
                        "sum(rate(http_request_duration_seconds_count{job=\"myservice\"}[{{.window}}]))"));
        assertThat(spec.alerting()).isEqualTo(AlertingSettings.multiWindowDefaults());
        assertThat(report.ignored)
                .extracting(ImportReport.Ignored::path)
                .containsExactlyInAnyOrder(
                        "slo_plugins",
                        "labels",
                        "slos[0].alerting.name",
                        "slos[0].alerting.labels",
                        "slos[0].alerting.annotations",
                        "slos[0].alerting.page_alert.for",
                        "slos[0].alerting.page_alert.labels",
                        "slos[0].alerting.ticket_alert.for",
                        "slos[0].alerting.ticket_alert.labels");
    }

    @Test
    void theKubernetesFormWithCamelCaseKeysReadsLikeThePlainOne() {
        var report = read("sloth/k8s-home-wifi.yml");

        assertThat(report.slos).hasSize(2);
        assertThat(report.slos)
                .extracting(ImportReport.Candidate::path)
                .containsExactly("spec.slos[0]", "spec.slos[1]");
        assertThat(report.slos).allSatisfy(c -> assertThat(c.service()).isEqualTo("home-wifi"));
        var risk = report.slos.get(1).spec();
        assertThat(risk.objective()).isEqualTo(99.9);
        assertThat(risk.queries().badQuery())
                .isEqualTo("sum_over_time((count(unifipoller_client_satisfaction_ratio < 0.5))[{{.window}}:]) OR on()"
                        + " vector(0)");
        assertThat(risk.queries().totalQuery())
                .isEqualTo("sum_over_time((count(unifipoller_client_satisfaction_ratio))[{{.window}}:])");
        assertThat(report.ignored)
                .extracting(ImportReport.Ignored::path)
                .contains("metadata", "spec.labels", "spec.slos[1].alerting.pageAlert.labels");
    }

    @Test
    void rawAndPluginSlisAreReportedAndTheSloWaitsForPushedCounts() {
        var raw = read("sloth/raw-home-wifi.yml");
        assertThat(raw.slos.get(0).spec().queries()).isNull();
        assertThat(raw.ignored).anySatisfy(i -> {
            assertThat(i.path()).isEqualTo("slos[0].sli.raw");
            assertThat(i.reason()).contains("push");
        });

        var plugin = read("sloth/plugin-getting-started.yml");
        assertThat(plugin.slos.get(0).spec().queries()).isNull();
        assertThat(plugin.ignored).extracting(ImportReport.Ignored::path).contains("slos[0].sli.plugin");
    }

    @Test
    void severalDocumentsAreNumberedAndKeepTheirServices() {
        var report = read("sloth/multifile.yml");

        assertThat(report.slos).extracting(ImportReport.Candidate::service).containsExactly("myservice", "myservice2");
        assertThat(report.slos)
                .extracting(ImportReport.Candidate::path)
                .containsExactly("documents[0].slos[0]", "documents[1].slos[0]");
        assertThat(report.slos.get(1).spec().objective()).isEqualTo(99.99);
        var apiserver = read("sloth/kubernetes-apiserver.yml");
        assertThat(apiserver.slos).hasSize(2);
        assertThat(apiserver.slos.get(1).spec().queries().badQuery()).contains("le=\"0.4\"");
    }

    @Test
    void aDisabledTicketAlertDropsTheTicketConditionAndBothDisabledKeepTheDefaults() {
        var report = readText("""
                version: prometheus/v1
                service: checkout
                slos:
                  - name: payments
                    objective: 99.5
                    sli: {events: {error_query: 'sum(rate(pay_total{code="500"}[{{.window}}]))', total_query: 'sum(rate(pay_total[{{.window}}]))'}}
                    alerting: {name: PaymentsSlo, ticket_alert: {disable: true}}
                  - name: refunds
                    objective: "99"
                    sli: {events: {error_query: 'sum(rate(refund_total{code="500"}[{{.window}}]))', total_query: 'sum(rate(refund_total[{{.window}}]))'}}
                    alerting: {name: RefundsSlo, page_alert: {disable: true}, ticket_alert: {disable: true}}
                """);

        assertThat(report.slos.get(0).spec().alerting().conditions())
                .extracting(AlertCondition::name)
                .containsExactly("fast-burn", "slow-burn");
        assertThat(report.slos.get(1).spec().alerting()).isNull();
        assertThat(report.slos.get(1).spec().objective()).isEqualTo(99.0);
        assertThat(report.ignored).anySatisfy(i -> {
            assertThat(i.path()).isEqualTo("slos[1].alerting");
            assertThat(i.reason()).contains("both alerts are disabled");
        });
    }

    @Test
    void aKlaxonSloTravelsThroughSlothAndBackUnchanged() {
        var custom = new AlertingSettings(
                Duration.ofMinutes(5),
                Duration.ofMinutes(120),
                List.of(AlertCondition.depletion("depletion", 200, Duration.ofMinutes(60))));
        var pushed = slo("Checkout availability", "P28D", "P2", AlertingSettings.multiWindowDefaults(), null);
        var pulled = slo(
                "Search latency < 300 ms",
                "month",
                null,
                custom,
                new SliQueries(
                        "sum(rate(search_duration_seconds_bucket{le=\"0.3\"}[{{.window}}]))",
                        null,
                        "sum(rate(search_duration_seconds_count[{{.window}}]))"));
        String yaml = OpenSloFormat.YAML.writeValueAsString(SlothFormat.export(List.of(pushed, pulled), "shop"));

        assertThat(yaml).contains("version: prometheus/v1", "service: shop", "name: search-latency-300-ms");
        var report = readText(yaml);
        assertThat(report.slos).hasSize(2);
        assertSameSpec(report.slos.get(0).spec(), pushed);
        assertSameSpec(report.slos.get(1).spec(), pulled);
    }

    @Test
    void aKlaxonSloTravelsThroughOpenSloAndBackUnchanged() {
        var pulled = slo(
                "Orders are stored",
                "P7D",
                "P3",
                AlertingSettings.chapterDefaults(),
                new SliQueries(null, "sum(orders_total{result=\"error\"})", "sum(orders_total)"));
        var report = readText(OpenSloFormat.export(pulled, "orders"));

        assertThat(report.ignored).isEmpty();
        assertThat(report.slos.get(0).service()).isEqualTo("orders");
        assertSameSpec(report.slos.get(0).spec(), pulled);
    }

    @Test
    void theOpenSloOccurrencesExampleImportsItsObjectiveAndWindowAndReportsTheRest() {
        var report = read("openslo/occurences-slo.yaml");

        var spec = report.slos.get(0).spec();
        assertThat(report.slos.get(0).service()).isEqualTo("web-shop");
        assertThat(spec.name()).isEqualTo("Searching time");
        assertThat(spec.window()).isEqualTo("P14D");
        assertThat(spec.objective()).isEqualTo(99.0);
        assertThat(spec.queries()).isNull();
        assertThat(report.ignored)
                .extracting(ImportReport.Ignored::path)
                .containsExactlyInAnyOrder(
                        "spec.alertPolicies",
                        "spec.objectives[0].op",
                        "spec.objectives[0].value",
                        "spec.indicator.spec.thresholdMetric");
    }

    @Test
    void openSloPrometheusRatioMetricsBecomeQueriesAndOtherKindsAreReported() {
        var report = readText("""
                apiVersion: openslo/v1
                kind: Service
                metadata: {name: web-shop}
                spec: {description: The shop}
                ---
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: checkout-availability, displayName: Checkout availability}
                spec:
                  service: web-shop
                  budgetingMethod: Occurrences
                  timeWindow: [{duration: 28d, isRolling: true}]
                  objectives: [{displayName: Good, target: 0.999}]
                  indicator:
                    metadata: {name: checkout-ok}
                    spec:
                      ratioMetric:
                        counter: true
                        good: {metricSource: {type: Prometheus, spec: {query: 'sum(http_requests_total{handler="/checkout",code!~"5.."})'}}}
                        total: {metricSource: {type: Prometheus, spec: {query: 'sum(http_requests_total{handler="/checkout"})'}}}
                """);

        assertThat(report.ignored).extracting(ImportReport.Ignored::path).containsExactly("documents[0]");
        var spec = report.slos.get(0).spec();
        assertThat(spec.sliRatio()).isEqualTo("good");
        assertThat(spec.window()).isEqualTo("P28D");
        assertThat(spec.queries())
                .isEqualTo(new SliQueries(
                        "sum(http_requests_total{handler=\"/checkout\",code!~\"5..\"})",
                        null,
                        "sum(http_requests_total{handler=\"/checkout\"})"));
    }

    @Test
    void unknownDocumentsAndBrokenYamlAreRefusedWithThePath() {
        assertThatThrownBy(() -> readText("version: prometheus/v1\nservice: a\nslos: []\n---\nkind: Pod\n"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(InvalidInputException.FieldError::field)
                                .containsExactly("documents[1].apiVersion"));
        assertThatThrownBy(() -> readText("slos: [unclosed"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(InvalidInputException.FieldError::field)
                                .containsExactly("body"));
    }

    private static void assertSameSpec(SloSpec read, SloView original) {
        assertThat(read.name()).isEqualTo(original.name());
        assertThat(read.description()).isEqualTo(original.description());
        assertThat(read.sliKind()).isEqualTo(original.sliKind());
        assertThat(read.sliRatio()).isEqualTo(original.sliRatio());
        assertThat(read.objective()).isEqualTo(original.objective());
        assertThat(read.window()).isEqualTo(original.window());
        assertThat(read.priority()).isEqualTo(original.priority());
        assertThat(read.stakeholderGroups()).isEqualTo(original.stakeholderGroups());
        var alerting = read.alerting() == null ? AlertingSettings.multiWindowDefaults() : read.alerting();
        assertThat(alerting).isEqualTo(original.alerting());
        assertThat(read.queries()).isEqualTo(original.queries());
    }

    private static SloView slo(
            String name, String window, String priority, AlertingSettings alerting, SliQueries queries) {
        Instant now = Instant.parse("2026-11-23T09:00:00Z");
        return new SloView(
                UUID.randomUUID(),
                UUID.randomUUID(),
                name,
                "What " + name + " means",
                "latency",
                queries != null && queries.goodQuery() == null ? "bad" : "good",
                99.5,
                window,
                priority,
                List.of(),
                List.of("support", "sales"),
                alerting,
                queries,
                now,
                now);
    }

    private static ImportReport read(String resource) {
        try (InputStream in = SloFormatsTests.class.getResourceAsStream("/slo/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            return readText(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ImportReport readText(String yaml) {
        var report = new ImportReport();
        SloDocuments.read(yaml, report);
        return report;
    }
}
