package dev.klaxon.escalation.internal;

import dev.klaxon.escalation.EscalationLevel;
import dev.klaxon.escalation.EscalationTarget;
import dev.klaxon.identity.UserView;
import dev.klaxon.identity.Users;
import dev.klaxon.oncall.OnCall;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Names of people and targets for timeline lines and pages. */
@Component
class ResponderNames {

    private final Users users;
    private final OnCall onCall;

    ResponderNames(Users users, OnCall onCall) {
        this.users = users;
        this.onCall = onCall;
    }

    String users(List<UUID> ids) {
        return ids.stream().map(this::user).collect(Collectors.joining(", "));
    }

    String user(UUID id) {
        return users.find(id).map(UserView::name).orElse("user " + id);
    }

    String targets(EscalationLevel level) {
        return level.targets().stream().map(this::target).collect(Collectors.joining(", "));
    }

    String target(EscalationTarget target) {
        return switch (target.type()) {
            case USER -> user(target.id());
            case ROTATION ->
                "rotation "
                        + onCall.find(target.id())
                                .map(r -> r.name())
                                .orElse(target.id().toString());
            case ROLE -> "on call as " + target.role() + (target.teamId() == null ? " in the incident's team" : "");
        };
    }
}
