package dev.klaxon.intake.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * {@code klaxon.intake.events} (endpoint, action, outcome) and {@code klaxon.intake.latency} (endpoint).
 */
@Component
public class IntakeMetrics {

    public static final String EVENTS_V2 = "events-v2";
    public static final String CHANGE = "change";
    public static final String ALERTMANAGER = "alertmanager";

    /** Outcomes, as tag values. */
    public enum Outcome {
        ACCEPTED,
        INVALID,
        THROTTLED,
        UNKNOWN_KEY,
        DISABLED,
        TOO_LARGE,
        ERROR;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String endpoint, String action, Outcome outcome, int events) {
        counters.computeIfAbsent(
                        endpoint + '|' + action + '|' + outcome,
                        k -> Counter.builder("klaxon.intake.events")
                                .description("Events received by intake endpoints")
                                .tag("endpoint", endpoint)
                                .tag("action", action)
                                .tag("outcome", outcome.tag())
                                .register(registry))
                .increment(events);
    }

    public Timer latency(String endpoint) {
        return timers.computeIfAbsent(
                endpoint,
                e -> Timer.builder("klaxon.intake.latency")
                        .description("Time from receiving an intake request to answering it")
                        .tag("endpoint", e)
                        .register(registry));
    }
}
