package dev.klaxon.slo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromQlTests {

    private static final Duration STEP = Duration.ofSeconds(15);

    @Test
    void aSlothRateQueryGetsTheIntervalAsWindowAndIsMultipliedIntoACount() {
        assertThat(PromQl.countQuery(
                        "sum(rate(http_requests_total{code=~\"5..\"}[{{.window}}]))", Duration.ofMinutes(5), STEP))
                .isEqualTo("sum(sum(rate(http_requests_total{code=~\"5..\"}[300s]))) * 300");
        assertThat(PromQl.countQuery("sum_over_time((count(up == 0))[{{ .window }}:])", Duration.ofMinutes(1), STEP))
                .isEqualTo("sum(sum_over_time((count(up == 0))[60s:])) * 60");
    }

    @Test
    void aCounterExpressionBecomesItsIncreaseOverTheIntervalThroughASubquery() {
        assertThat(PromQl.countQuery(" sum(test_requests_total{code=\"500\"}) ", Duration.ofMinutes(1), STEP))
                .isEqualTo("sum(increase((sum(test_requests_total{code=\"500\"}))[60s:15s]))");
        assertThat(PromQl.countQuery("x_total", Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .as("the step is at most a quarter of the interval, so increase() has points to work with")
                .isEqualTo("sum(increase((x_total)[60s:15s]))");
        assertThat(PromQl.countQuery("x_total", Duration.ofHours(1), STEP))
                .isEqualTo("sum(increase((x_total)[3600s:15s]))");
    }

    @Test
    void readsTheOneValueOfAVectorOrScalarAnswer() {
        assertThat(PromQl.value("""
                        {"status":"success","data":{"resultType":"vector","result":[
                          {"metric":{},"value":[1795424400,"1002.5"]}]}}""")).isEqualTo(1002.5);
        assertThat(PromQl.value("""
                        {"status":"success","data":{"resultType":"scalar","result":[1795424400,"7"]}}""")).isEqualTo(7);
        assertThat(PromQl.value("""
                        {"status":"success","data":{"resultType":"vector","result":[]}}""")).as("no series: nothing happened").isZero();
    }

    @Test
    void errorsAndAnswersThatAreNotOneNumberAreReportedWithTheirReason() {
        assertThatThrownBy(() -> PromQl.value("""
                        {"status":"error","errorType":"bad_data","error":"1:5: parse error: unclosed left parenthesis"}"""))
                .isInstanceOf(PullException.class)
                .hasMessage("Prometheus: bad_data: 1:5: parse error: unclosed left parenthesis");
        assertThatThrownBy(() -> PromQl.value("""
                        {"status":"success","data":{"resultType":"vector","result":[
                          {"metric":{"code":"200"},"value":[1,"1"]},{"metric":{"code":"500"},"value":[1,"2"]}]}}"""))
                .isInstanceOf(PullException.class)
                .hasMessageContaining("returned 2 series");
        assertThatThrownBy(() -> PromQl.value("""
                        {"status":"success","data":{"resultType":"matrix","result":[]}}"""))
                .isInstanceOf(PullException.class)
                .hasMessageContaining("matrix result");
        assertThatThrownBy(() -> PromQl.value("""
                        {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}]}}"""))
                .isInstanceOf(PullException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> PromQl.value("<html>502 Bad Gateway</html>"))
                .isInstanceOf(PullException.class)
                .hasMessageContaining("not JSON");
    }
}
