package dev.klaxon.escalation.internal;

import dev.klaxon.escalation.EscalationTarget;
import dev.klaxon.identity.UserDeactivationHandler;
import dev.klaxon.identity.UserView;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Policies that page a deactivated person by name keep the target (history and intent stay readable) but it
 * reaches nobody now: each such level is reported so that someone replaces it.
 */
@Component
class PoliciesCheckedOnDeactivation implements UserDeactivationHandler {

    private final PolicyStore policies;

    PoliciesCheckedOnDeactivation(PolicyStore policies) {
        this.policies = policies;
    }

    @Override
    public List<String> deactivated(UserView user) {
        List<String> warnings = new ArrayList<>();
        for (var policy : policies.list()) {
            for (int level = 0; level < policy.levels().size(); level++) {
                boolean pagesThem = policy.levels().get(level).targets().stream()
                        .anyMatch(t -> t.type() == EscalationTarget.Type.USER
                                && user.id().equals(t.id()));
                if (pagesThem) {
                    warnings.add("Escalation policy '" + policy.name() + "' pages " + user.name() + " at level "
                            + (level + 1) + ", which now reaches nobody there; replace them");
                }
            }
        }
        return warnings;
    }
}
