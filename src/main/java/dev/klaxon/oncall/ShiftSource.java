package dev.klaxon.oncall;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What put a person on call: the rotation itself, one of its layers, or an override (a swap is one too). */
public enum ShiftSource {
    ROTATION,
    LAYER,
    OVERRIDE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
