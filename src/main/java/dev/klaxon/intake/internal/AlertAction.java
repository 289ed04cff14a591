package dev.klaxon.intake.internal;

/** The {@code event_action} of an alert event, with its wire name. */
public enum AlertAction {
    TRIGGER("trigger"),
    ACKNOWLEDGE("acknowledge"),
    RESOLVE("resolve");

    private final String wireName;

    AlertAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static AlertAction fromWire(String value) {
        for (AlertAction action : values()) {
            if (action.wireName.equals(value)) {
                return action;
            }
        }
        return null;
    }
}
