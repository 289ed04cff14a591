package dev.klaxon.services;

import java.util.UUID;

/**
 * Tells the services module whether an escalation policy exists. Implemented by the escalation module, which
 * depends on services and not the other way round (incidents depend on services, escalation on incidents).
 */
public interface EscalationPolicyDirectory {

    boolean exists(UUID policyId);

    /** Whether a service of this team may use the policy: it exists and is organisation-wide or the team's own. */
    boolean usableByTeam(UUID policyId, UUID teamId);
}
