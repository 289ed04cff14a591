package dev.klaxon.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.common.InvalidInputException.FieldError;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class AlertmanagerValidationTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AlertmanagerValidation.Result validate(String text) {
        return AlertmanagerValidation.validate(JSON.readTree(text.replace('\'', '"')));
    }

    @Test
    void eachAlertBecomesAnEventKeyedByFingerprint() {
        var result = validate("{'version':'4','status':'firing','alerts':["
                + "{'status':'firing','labels':{'alertname':'HighLatency','instance':'web-1','severity':'page'},"
                + "'annotations':{'summary':'p99 above 1s'},'startsAt':'2026-11-23T10:00:00.123456789Z',"
                + "'endsAt':'0001-01-01T00:00:00Z','generatorURL':'http://prom/graph','fingerprint':'abc123'},"
                + "{'status':'resolved','labels':{'alertname':'DiskFull','instance':'db-1'},'annotations':{},"
                + "'fingerprint':'def456'}]}");

        assertThat(result.errors()).isEmpty();
        assertThat(result.alerts()).hasSize(2);
        var first = result.alerts().get(0);
        assertThat(first.firing()).isTrue();
        assertThat(first.fingerprint()).isEqualTo("abc123");
        assertThat(first.summary()).isEqualTo("p99 above 1s");
        assertThat(first.severity()).isEqualTo("critical");
        assertThat(first.source()).isEqualTo("web-1");
        assertThat(first.startsAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00.123456789Z"));
        var second = result.alerts().get(1);
        assertThat(second.firing()).isFalse();
        assertThat(second.summary()).isEqualTo("DiskFull on db-1");
        assertThat(second.severity()).isEqualTo(AlertmanagerValidation.DEFAULT_SEVERITY);
    }

    @Test
    void summaryFallsBackToDescriptionThenAlertname() {
        var result = validate("{'alerts':[{'status':'firing','labels':{'alertname':'A'},"
                + "'annotations':{'description':'long text'},'fingerprint':'f'}]}");
        assertThat(result.alerts().get(0).summary()).isEqualTo("long text");
        assertThat(validate("{'alerts':[{'status':'firing','labels':{},'fingerprint':'f'}]}")
                        .alerts()
                        .get(0)
                        .summary())
                .isEqualTo("Alert f");
    }

    @Test
    void severityLabelsMapToFourLevels() {
        assertThat(AlertmanagerValidation.severity("CRITICAL")).isEqualTo("critical");
        assertThat(AlertmanagerValidation.severity("warn")).isEqualTo("warning");
        assertThat(AlertmanagerValidation.severity("info")).isEqualTo("info");
        assertThat(AlertmanagerValidation.severity("major")).isEqualTo("error");
        assertThat(AlertmanagerValidation.severity("whatever")).isEqualTo("error");
        assertThat(AlertmanagerValidation.severity(null)).isEqualTo("error");
    }

    @Test
    void invalidNotificationsNameEachField() {
        assertThat(validate("[]").errors()).containsExactly(new FieldError("body", "must be a JSON object"));
        assertThat(validate("{'version':'3'}").errors())
                .containsExactly(
                        new FieldError("version", "must be \"4\" (the Alertmanager webhook payload version)"),
                        new FieldError("alerts", "is missing"));
        assertThat(validate("{'alerts':[{'status':'burning','labels':{'a':1},'fingerprint':5,'startsAt':'soon'}]}")
                        .errors())
                .containsExactly(
                        new FieldError("alerts[0].status", "must be \"firing\" or \"resolved\""),
                        new FieldError("alerts[0].labels.a", "must be a string"),
                        new FieldError("alerts[0].fingerprint", "must be a string"),
                        new FieldError("alerts[0].startsAt", "must be an RFC 3339 timestamp"));
        assertThat(validate("{'alerts':[{'status':'firing'}]}").errors())
                .containsExactly(
                        new FieldError("alerts[0].labels", "is missing"),
                        new FieldError("alerts[0].fingerprint", "is missing"));
    }
}
