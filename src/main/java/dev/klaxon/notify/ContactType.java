package dev.klaxon.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a contact method reaches its person; the API spells it in lower case ({@code "email"}). */
public enum ContactType {
    EMAIL,
    WEBHOOK,
    SLACK,
    SMS,
    VOICE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ContactType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(t -> t.id().equals(value.strip())).findFirst();
    }
}
