package dev.klaxon.services;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How a sender talks to Klaxon. */
public enum IntegrationType {
    /** PagerDuty Events API v2 compatible: {@code POST /v2/enqueue} with the key in the body. */
    EVENTS_V2("events-v2"),
    /** Prometheus Alertmanager webhook (version 4): the key is part of the URL. */
    ALERTMANAGER("alertmanager");

    private final String wireName;

    IntegrationType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static IntegrationType fromWire(String value) {
        return Arrays.stream(values())
                .filter(t -> t.wireName.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of events-v2, alertmanager"));
    }
}
