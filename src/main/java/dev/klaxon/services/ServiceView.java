package dev.klaxon.services;

import java.time.Instant;
import java.util.UUID;

/**
 * @param autoResolve whether the service's incidents resolve by themselves once all their alerts resolved
 * @param escalationPolicyId the policy that pages people for its incidents; null means the default policy
 */
public record ServiceView(
        UUID id,
        UUID teamId,
        String name,
        String description,
        boolean autoResolve,
        UUID escalationPolicyId,
        Instant createdAt) {}
