package dev.klaxon.incidents;

import dev.klaxon.classification.ClassificationDefinition;
import dev.klaxon.common.Actor;
import dev.klaxon.common.ConflictException;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.incidents.internal.IncidentReader;
import dev.klaxon.incidents.internal.IncidentRow;
import dev.klaxon.incidents.internal.IncidentStore;
import dev.klaxon.incidents.internal.Judgement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What every change to a running incident's classification shares: who may make it, the incident's row locked
 * first (so concurrent changes of one incident are recorded one after another), reasons checked, and the names of
 * the classification version the incident was first classified under.
 */
@Component
class IncidentChangeRules {

    static final int MAX_REASON_LENGTH = 1000;

    private final IncidentStore incidents;
    private final IncidentReader reader;

    IncidentChangeRules(IncidentStore incidents, IncidentReader reader) {
        this.incidents = incidents;
        this.reader = reader;
    }

    IncidentRow lockOpen(UUID id) {
        IncidentRow row = incidents.lock(id).orElseThrow(() -> new NotFoundException("Incident", id));
        if (row.status() == IncidentStatus.RESOLVED) {
            throw new ConflictException("Incident #" + row.number() + " is resolved; its classification and roles"
                    + " can no longer change");
        }
        return row;
    }

    /** Responders of the owning team and of every involved team classify the incident; returns who acts. */
    Actor classifier(UUID id, Caller caller) {
        caller.requireInAny(Permission.INCIDENTS_CLASSIFY, view(id).involvedTeamIds());
        return caller.actor();
    }

    IncidentView view(UUID id) {
        return reader.find(id).orElseThrow(() -> new NotFoundException("Incident", id));
    }

    static void checkRole(ClassificationDefinition definition, String role) {
        var names = definition.roles().stream()
                .map(ClassificationDefinition.Role::name)
                .toList();
        if (!names.contains(role)) {
            throw InvalidInputException.of(
                    "role", "'" + role + "' is not a defined role; use one of " + String.join(", ", names));
        }
    }

    static List<String> priorityNames(ClassificationDefinition definition) {
        return definition.priorities().stream()
                .map(ClassificationDefinition.Priority::name)
                .toList();
    }

    static List<String> severityNames(ClassificationDefinition definition) {
        return definition.severities().stream()
                .map(ClassificationDefinition.Severity::name)
                .toList();
    }

    /** "Allowed combinations: P1 with Critical, Error; P2 with Error; ..." in the definition's priority order. */
    static String allowedCombinations(ClassificationDefinition definition) {
        Map<String, List<String>> matrix = definition.matrix();
        return "Allowed combinations: "
                + priorityNames(definition).stream()
                        .filter(p -> !matrix.getOrDefault(p, List.of()).isEmpty())
                        .map(p -> p + " with " + String.join(", ", matrix.get(p)))
                        .collect(Collectors.joining("; "));
    }

    static String describe(String what, List<String> order, String from, String to, boolean override, String why) {
        String change;
        if (from == null) {
            change = what + " set to " + to;
        } else {
            String direction = Judgement.rank(order, to) < Judgement.rank(order, from) ? " raised" : " lowered";
            change = what + direction + " from " + from + " to " + to;
        }
        return change + (override ? " (judgement override)" : "") + ": " + why;
    }

    static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.of(field, "must not be blank");
        }
    }

    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw InvalidInputException.of("reason", "must not be blank: say why, it is recorded with the change");
        }
        return checkedLength(reason.strip());
    }

    static String optionalReason(String reason) {
        return reason == null || reason.isBlank() ? null : checkedLength(reason.strip());
    }

    static String checkedLength(String reason) {
        if (reason.length() > MAX_REASON_LENGTH) {
            throw InvalidInputException.of("reason", "must be at most " + MAX_REASON_LENGTH + " characters");
        }
        return reason;
    }

    static String clip(String text) {
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
}
