package dev.klaxon.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class EventsV2ValidationTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static EventsV2Validation.Result<EventsV2Validation.AlertFields> alert(String text) {
        return EventsV2Validation.alert(json(text), () -> "generated0000000000000000000000x");
    }

    private static String trigger(String payload) {
        return "{'routing_key':'" + KEY + "','event_action':'trigger','dedup_key':'k','payload':" + payload + "}";
    }

    @Test
    void aCompleteTriggerIsValid() {
        var result = alert("{'routing_key':'" + KEY + "','event_action':'trigger','dedup_key':'disk-1',"
                + "'payload':{'summary':'Disk full','source':'db1','severity':'critical',"
                + "'timestamp':'2015-07-17T08:42:58.315+0000','component':'postgres','group':'prod','class':'disk',"
                + "'custom_details':{'free':'0%'}},"
                + "'links':[{'href':'https://example.com','text':'x'}],'images':[{'src':'https://example.com/i.png'}],"
                + "'client':'Monitoring','client_url':'https://mon.example.com'}");

        assertThat(result.errors()).isEmpty();
        var f = result.fields();
        assertThat(f.action()).isEqualTo(AlertAction.TRIGGER);
        assertThat(f.dedupKey()).isEqualTo("disk-1");
        assertThat(f.dedupKeyGenerated()).isFalse();
        assertThat(f.summary()).isEqualTo("Disk full");
        assertThat(f.severity()).isEqualTo("critical");
        assertThat(f.timestamp()).isEqualTo(Instant.parse("2015-07-17T08:42:58.315Z"));
        assertThat(f.component()).isEqualTo("postgres");
        assertThat(f.group()).isEqualTo("prod");
        assertThat(f.eventClass()).isEqualTo("disk");
        assertThat(f.customDetails().get("free").stringValue()).isEqualTo("0%");
    }

    @Test
    void aTriggerWithoutDedupKeyGetsAGeneratedOne() {
        var result = alert("{'routing_key':'" + KEY + "','event_action':'trigger',"
                + "'payload':{'summary':'s','source':'h','severity':'info'}}");

        assertThat(result.errors()).isEmpty();
        assertThat(result.fields().dedupKey()).isEqualTo("generated0000000000000000000000x");
        assertThat(result.fields().dedupKeyGenerated()).isTrue();
    }

    @Test
    void acknowledgeAndResolveNeedOnlyKeyActionAndDedupKey() {
        assertThat(alert("{'routing_key':'" + KEY + "','event_action':'acknowledge','dedup_key':'k'}")
                        .errors())
                .isEmpty();
        assertThat(alert("{'routing_key':'" + KEY + "','event_action':'resolve','dedup_key':'k'}")
                        .errors())
                .isEmpty();
    }

    @Test
    void acknowledgeAndResolveWithoutDedupKeyAreInvalid() {
        assertThat(alert("{'routing_key':'" + KEY + "','event_action':'resolve'}")
                        .errors())
                .containsExactly("'dedup_key' is missing or blank (it is required for 'acknowledge' and 'resolve')");
        assertThat(alert("{'routing_key':'" + KEY + "','event_action':'acknowledge','dedup_key':' '}")
                        .errors())
                .containsExactly("'dedup_key' is missing or blank (it is required for 'acknowledge' and 'resolve')");
    }

    @Test
    void aResolveIgnoresItsPayload() {
        assertThat(alert("{'routing_key':'" + KEY
                                + "','event_action':'resolve','dedup_key':'k','payload':{'summary':1}}")
                        .errors())
                .isEmpty();
    }

    @Test
    void routingKeyMustBe32Characters() {
        assertThat(alert("{'routing_key':'short','event_action':'resolve','dedup_key':'k'}")
                        .errors())
                .containsExactly("Length of 'routing_key' is incorrect (should be 32 characters)");
        assertThat(alert("{'event_action':'resolve','dedup_key':'k'}").errors())
                .containsExactly("'routing_key' is missing or blank");
        assertThat(alert("{'routing_key':12,'event_action':'resolve','dedup_key':'k'}")
                        .errors())
                .containsExactly("'routing_key' must be a string");
    }

    @Test
    void eventActionMustBeOneOfThree() {
        assertThat(alert("{'routing_key':'" + KEY + "','event_action':'explode','dedup_key':'k'}")
                        .errors())
                .containsExactly("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge'"
                        + " or 'resolve')");
        assertThat(alert("{'routing_key':'" + KEY + "','dedup_key':'k'}").errors())
                .containsExactly("'event_action' is missing or blank");
        assertThat(alert("{'routing_key':'" + KEY + "','event_action':true,'dedup_key':'k'}")
                        .errors())
                .containsExactly("'event_action' must be a string");
    }

    @Test
    void dedupKeyIsAtMost255Characters() {
        String ok = "k".repeat(255);
        String tooLong = "k".repeat(256);
        assertThat(alert("{'routing_key':'" + KEY + "','event_action':'resolve','dedup_key':'" + ok + "'}")
                        .errors())
                .isEmpty();
        assertThat(alert("{'routing_key':'" + KEY + "','event_action':'resolve','dedup_key':'" + tooLong + "'}")
                        .errors())
                .containsExactly("Length of 'dedup_key' is incorrect (should be at most 255 characters)");
        assertThat(alert("{'routing_key':'" + KEY + "','event_action':'resolve','dedup_key':7}")
                        .errors())
                .containsExactly("'dedup_key' must be a string");
    }

    @Test
    void aTriggerNeedsAPayloadObject() {
        assertThat(alert("{'routing_key':'" + KEY + "','event_action':'trigger'}")
                        .errors())
                .containsExactly("'payload' is missing");
        assertThat(alert("{'routing_key':'" + KEY + "','event_action':'trigger','payload':'text'}")
                        .errors())
                .containsExactly("'payload' must be a JSON object");
        assertThat(alert("{'routing_key':'" + KEY + "','event_action':'trigger','payload':null}")
                        .errors())
                .containsExactly("'payload' is missing");
    }

    @Test
    void payloadFieldsAreCheckedAndAllErrorsCollected() {
        assertThat(alert(trigger("{}")).errors())
                .containsExactly(
                        "'payload.summary' is missing or blank",
                        "'payload.source' is missing or blank",
                        "'payload.severity' is missing or blank");
        assertThat(alert(trigger("{'summary':42,'source':['a'],'severity':'fatal'}"))
                        .errors())
                .containsExactly(
                        "'payload.summary' must be a string",
                        "'payload.source' must be a string",
                        "'payload.severity' is invalid (must be one of the following: 'critical', 'error', 'warning'"
                                + " or 'info')");
        assertThat(alert(trigger("{'summary':'  ','source':'h','severity':'info'}"))
                        .errors())
                .containsExactly("'payload.summary' is missing or blank");
    }

    @Test
    void summaryIsAtMost1024Characters() {
        assertThat(alert(trigger("{'summary':'" + "s".repeat(1024) + "','source':'h','severity':'info'}"))
                        .errors())
                .isEmpty();
        assertThat(alert(trigger("{'summary':'" + "s".repeat(1025) + "','source':'h','severity':'info'}"))
                        .errors())
                .containsExactly("'payload.summary' is too long (should be at most 1024 characters)");
        // Characters, not UTF-16 units: 1024 emoji are fine.
        assertThat(alert(trigger("{'summary':'" + "\uD83D\uDD25".repeat(1024) + "','source':'h','severity':'info'}"))
                        .errors())
                .isEmpty();
    }

    @Test
    void timestampMustBeIso8601() {
        assertThat(alert(trigger("{'summary':'s','source':'h','severity':'info','timestamp':'yesterday'}"))
                        .errors())
                .containsExactly(
                        "'payload.timestamp' is not a valid ISO 8601 timestamp (e.g. 2015-07-17T08:42:58.315+0000)");
        assertThat(alert(trigger("{'summary':'s','source':'h','severity':'info','timestamp':'2026-11-23T10:00:00Z'}"))
                        .fields()
                        .timestamp())
                .isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(alert(
                                trigger(
                                        "{'summary':'s','source':'h','severity':'info','timestamp':'2026-11-23T10:00:00+01:00'}"))
                        .fields()
                        .timestamp())
                .isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    }

    @Test
    void optionalStringsMustBeStringsAndLinksArrays() {
        assertThat(alert(trigger("{'summary':'s','source':'h','severity':'info','component':1,'group':{},'class':[]}"))
                        .errors())
                .containsExactly(
                        "'payload.component' must be a string",
                        "'payload.group' must be a string",
                        "'payload.class' must be a string");
        String base = "{'routing_key':'" + KEY + "','event_action':'resolve','dedup_key':'k',";
        assertThat(alert(base + "'links':'x','images':[1]}").errors())
                .containsExactly("'links' must be an array of objects", "'images[0]' must be an object");
        assertThat(alert(base + "'client':5}").errors()).containsExactly("'client' must be a string");
    }

    @Test
    void customDetailsMayBeAnyJson() {
        assertThat(alert(trigger("{'summary':'s','source':'h','severity':'info','custom_details':'just text'}"))
                        .errors())
                .isEmpty();
        assertThat(alert(trigger("{'summary':'s','source':'h','severity':'info','custom_details':[1,2]}"))
                        .errors())
                .isEmpty();
    }

    @Test
    void theEventMustBeAnObject() {
        assertThat(alert("[]").errors()).containsExactly("Event object must be a JSON object");
        assertThat(alert("'text'").errors()).containsExactly("Event object must be a JSON object");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(alert("{'routing_key':'abc','event_action':'trigger','payload':{'severity':'info'}}")
                        .errors())
                .containsExactly(
                        "Length of 'routing_key' is incorrect (should be 32 characters)",
                        "'payload.summary' is missing or blank",
                        "'payload.source' is missing or blank");
    }

    @Test
    void changeEventsNeedKeyAndSummary() {
        var valid = EventsV2Validation.change(json("{'routing_key':'" + KEY + "','payload':{'summary':'Deployed v2',"
                + "'source':'ci','timestamp':'2026-11-23T10:00:00Z','custom_details':{'build':1}},"
                + "'links':[{'href':'https://ci.example.com/1'}]}"));
        assertThat(valid.errors()).isEmpty();
        assertThat(valid.fields().summary()).isEqualTo("Deployed v2");

        assertThat(EventsV2Validation.change(json("{'routing_key':'" + KEY + "'}"))
                        .errors())
                .containsExactly("'payload' is missing");
        assertThat(EventsV2Validation.change(json("{'payload':{'summary':''}}")).errors())
                .containsExactly("'routing_key' is missing or blank", "'payload.summary' is missing or blank");
    }

    @Test
    void contentTypeMustBeJsonInUtf8() {
        assertThat(EventsV2Intake.checkContentType("application/json")).isNull();
        assertThat(EventsV2Intake.checkContentType("application/json; charset=utf-8"))
                .isNull();
        assertThat(EventsV2Intake.checkContentType(null)).isNull();
        assertThat(EventsV2Intake.checkContentType("text/plain")).isEqualTo("Content-Type must be application/json");
        assertThat(EventsV2Intake.checkContentType("application/x-www-form-urlencoded"))
                .isEqualTo("Content-Type must be application/json");
        assertThat(EventsV2Intake.checkContentType("application/json; charset=ISO-8859-1"))
                .isEqualTo("Content-Type charset must be UTF-8");
        assertThat(EventsV2Intake.checkContentType("garbage/")).isEqualTo("Content-Type must be application/json");
    }
}
