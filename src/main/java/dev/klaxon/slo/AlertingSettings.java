package dev.klaxon.slo;

import java.time.Duration;
import java.util.List;

/**
 * How an SLO alerts.
 *
 * @param evaluateEvery how often the SLO is evaluated (1 minute to 1 hour)
 * @param snooze after an alert, further alerts of the same condition are held back this long (0 to 1 day)
 * @param conditions one to ten conditions, any mix of the two kinds
 */
public record AlertingSettings(Duration evaluateEvery, Duration snooze, List<AlertCondition> conditions) {

    public AlertingSettings {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /**
     * The Google SRE Workbook's multi-window, multi-burn-rate defaults: 14.4× over 1 h and 5 m → page, 6× over
     * 6 h and 30 m → page, 1× over 3 d and 6 h → ticket; evaluated every minute, 2 h snooze.
     */
    public static AlertingSettings multiWindowDefaults() {
        return new AlertingSettings(
                Duration.ofMinutes(1),
                Duration.ofHours(2),
                List.of(
                        AlertCondition.multiWindow(
                                "fast-burn",
                                14.4,
                                Duration.ofHours(1),
                                Duration.ofMinutes(5),
                                AlertCondition.Action.page),
                        AlertCondition.multiWindow(
                                "slow-burn",
                                6,
                                Duration.ofHours(6),
                                Duration.ofMinutes(30),
                                AlertCondition.Action.page),
                        AlertCondition.multiWindow(
                                "budget-burn",
                                1,
                                Duration.ofDays(3),
                                Duration.ofHours(6),
                                AlertCondition.Action.ticket)));
    }

    /**
     * The chapter's example: "error budget depletion for alert > 200 % within a 60-minute depletion window,
     * evaluated every 5 minutes, alert snooze 120 minutes".
     */
    public static AlertingSettings chapterDefaults() {
        return new AlertingSettings(
                Duration.ofMinutes(5),
                Duration.ofMinutes(120),
                List.of(AlertCondition.depletion("depletion", 200, Duration.ofMinutes(60))));
    }
}
