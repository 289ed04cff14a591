package dev.klaxon.classification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One matcher of an alert rule on a field of the incoming event: {@code payload.severity},
 * {@code payload.component}, {@code payload.group}, {@code payload.class}, {@code payload.source},
 * {@code payload.summary}, {@code custom_details.<key>}, {@code labels.<name>} or {@code annotations.<name>}.
 */
public record RuleCondition(String field, Op op, String value) {

    public enum Op {
        EQUALS("equals"),
        NOT_EQUALS("notEquals"),
        REGEX("regex"),
        EXISTS("exists");

        private final String wireName;

        Op(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }

        @JsonCreator
        public static Op fromWire(String value) {
            return Arrays.stream(values())
                    .filter(op -> op.wireName.equals(value))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("must be one of equals, notEquals, regex, exists"));
        }
    }

    /**
     * Whether the event's fields satisfy this condition. A missing field equals nothing, is "not equal" to
     * every value and matches no pattern.
     */
    public boolean matches(Map<String, String> fields, Pattern compiledRegex) {
        String actual = fields.get(field);
        return switch (op) {
            case EXISTS -> actual != null;
            case EQUALS -> actual != null && actual.equals(value);
            case NOT_EQUALS -> actual == null || !actual.equals(value);
            case REGEX -> actual != null && compiledRegex.matcher(actual).matches();
        };
    }
}
