package dev.klaxon.escalation.internal;

import dev.klaxon.escalation.EscalationTarget;
import dev.klaxon.oncall.OnCall;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Turns escalation targets into the people to page at an instant, asking the on-call module for rotations. */
@Component
public class Responders {

    private final OnCall onCall;

    Responders(OnCall onCall) {
        this.onCall = onCall;
    }

    public boolean rotationExists(UUID rotationId) {
        return onCall.find(rotationId).isPresent();
    }

    /** @param incidentTeamId the team a role target without its own team refers to */
    public List<UUID> resolve(EscalationTarget target, UUID incidentTeamId, Instant at) {
        return switch (target.type()) {
            case USER -> List.of(target.id());
            case ROTATION ->
                onCall.onCall(target.id(), at)
                        .map(shift -> List.of(shift.userId()))
                        .orElse(List.of());
            case ROLE ->
                onCall.onCallFor(target.teamId() != null ? target.teamId() : incidentTeamId, target.role(), at).stream()
                        .map(shift -> shift.userId())
                        .distinct()
                        .toList();
        };
    }

    /** The on-call people for a role an incident requires, in the incident's team. */
    public List<UUID> forRole(UUID teamId, String role, Instant at) {
        return resolve(EscalationTarget.role(teamId, role), teamId, at);
    }
}
