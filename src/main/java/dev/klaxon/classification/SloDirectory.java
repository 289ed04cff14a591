package dev.klaxon.classification;

import java.util.Optional;
import java.util.UUID;

/**
 * Which service an SLO measures, for the permission check on its priority. Implemented by the slo module, which
 * depends on this one (the same inversion as {@code services.EscalationPolicyDirectory}).
 */
public interface SloDirectory {

    Optional<UUID> serviceOf(UUID sloId);
}
