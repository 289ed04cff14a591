package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SloArithmeticTests {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void budgetOfAHandComputedCase() {
        // 99.7 %: 0.3 % of 100,000 = 300 bad events allowed; 150 bad → half used.
        var budget = ErrorBudget.of(99.7, 99_850, 100_000);
        assertThat(budget.allowedBad()).isCloseTo(300, within(1e-6));
        assertThat(budget.bad()).isEqualTo(150);
        assertThat(budget.consumed()).isCloseTo(0.5, within(1e-9));
        assertThat(budget.remaining()).isCloseTo(0.5, within(1e-9));
        assertThat(budget.sli()).isCloseTo(0.9985, within(1e-12));
    }

    @Test
    void anOverspentBudgetGoesNegative() {
        // 99 %: 10 of 1,000 allowed; 25 bad → 250 % used, -150 % left.
        var budget = ErrorBudget.of(99, 975, 1_000);
        assertThat(budget.consumed()).isCloseTo(2.5, within(1e-9));
        assertThat(budget.remaining()).isCloseTo(-1.5, within(1e-9));
    }

    @Test
    void anEmptyWindowHasItsWholeBudgetAndNoSli() {
        var budget = ErrorBudget.of(99.9, 0, 0);
        assertThat(budget.consumed()).isZero();
        assertThat(budget.remaining()).isEqualTo(1.0);
        assertThat(budget.sli()).isNull();
    }

    @Test
    void perfectTrafficUsesNoBudget() {
        var budget = ErrorBudget.of(99.9, 5_000, 5_000);
        assertThat(budget.consumed()).isZero();
        assertThat(budget.sli()).isEqualTo(1.0);
        assertThat(BurnRate.of(99.9, 5_000, 5_000)).isZero();
    }

    @Test
    void objectivesOfZeroAndOneHundredPercentAreRefused() {
        assertThatThrownBy(() -> ErrorBudget.of(100, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErrorBudget.of(0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BurnRate.of(100, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErrorBudget.of(99, 11, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void burnRateIsTheErrorRateOverTheAllowedErrorRate() {
        // 99.7 %: allowed error rate 0.3 %; 6 of 1,000 bad = 0.6 % → burn rate 2 (the chapter's 200 %).
        assertThat(BurnRate.of(99.7, 994, 1_000)).isCloseTo(2.0, within(1e-9));
        assertThat(BurnRate.asDepletionPercent(2.0)).isCloseTo(200, within(1e-9));
        // 99.9 %: 1.44 % errors → 14.4× (the SRE Workbook's fast-burn page).
        assertThat(BurnRate.of(99.9, 9_856, 10_000)).isCloseTo(14.4, within(1e-9));
    }

    @Test
    void zeroTrafficHasNoBurnRate() {
        assertThat(BurnRate.of(99.9, 0, 0)).isNull();
    }

    @Test
    void exhaustionIsLinearOnTheBurnRate() {
        // Half the budget left, burning at 2× over a 30-day window: a full budget lasts 15 days, half 7.5 days.
        assertThat(Exhaustion.projected(0.5, 2.0, Duration.ofDays(30), NOW)).isEqualTo(NOW.plus(Duration.ofHours(180)));
        assertThat(Exhaustion.projected(0.0, 2.0, Duration.ofDays(30), NOW)).isEqualTo(NOW);
        assertThat(Exhaustion.projected(-0.3, null, Duration.ofDays(30), NOW)).isEqualTo(NOW);
        assertThat(Exhaustion.projected(0.5, 0.0, Duration.ofDays(30), NOW)).isNull();
        assertThat(Exhaustion.projected(0.5, null, Duration.ofDays(30), NOW)).isNull();
    }

    @Test
    void windowsRollingAndCalendarMonth() {
        var rolling = SloWindow.parse("P28D");
        assertThat(rolling.start(NOW)).isEqualTo(NOW.minus(Duration.ofDays(28)));
        assertThat(rolling.length(NOW)).isEqualTo(Duration.ofDays(28));
        var month = SloWindow.parse("month");
        assertThat(month.start(NOW)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(month.end(NOW)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(month.length(NOW)).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> SloWindow.parse("P0D")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SloWindow.parse("P32D")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SloWindow.parse("PT5H")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void conditionThresholds() {
        var chapter = AlertingSettings.chapterDefaults().conditions().get(0);
        assertThat(chapter.threshold()).isEqualTo(2.0);
        assertThat(chapter.windows()).containsExactly(Duration.ofMinutes(60));
        var defaults = AlertingSettings.multiWindowDefaults().conditions();
        assertThat(defaults).extracting(AlertCondition::threshold).containsExactly(14.4, 6.0, 1.0);
        assertThat(defaults.get(0).windows()).containsExactly(Duration.ofHours(1), Duration.ofMinutes(5));
        assertThat(defaults.get(2).severity()).isEqualTo("warning");
    }

    @Test
    void alertingSettingsSerialiseAsTheirComponentsOnly() {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        String text = json.writeValueAsString(AlertingSettings.chapterDefaults());
        assertThat(text)
                .isEqualTo(
                        "{\"evaluateEvery\":\"PT5M\",\"snooze\":\"PT2H\",\"conditions\":[{\"name\":\"depletion\","
                                + "\"kind\":\"depletion\",\"depletionPercent\":200.0,\"window\":\"PT1H\",\"action\":\"page\"}]}");
        assertThat(json.readValue(text, AlertingSettings.class)).isEqualTo(AlertingSettings.chapterDefaults());
    }

    @Test
    void evaluationsKeepASteadyCadence() {
        assertThat(SloEvaluations.next(Instant.parse("2026-11-23T12:03:10Z"), Duration.ofMinutes(5)))
                .isEqualTo(Instant.parse("2026-11-23T12:05:00Z"));
        assertThat(SloEvaluations.next(Instant.parse("2026-11-23T12:05:00Z"), Duration.ofMinutes(5)))
                .isEqualTo(Instant.parse("2026-11-23T12:10:00Z"));
    }
}
