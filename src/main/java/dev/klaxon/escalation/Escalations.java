package dev.klaxon.escalation;

import dev.klaxon.escalation.internal.EscalationEngine;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Runs due escalation steps and tells where an incident's escalation stands. */
@Service
public class Escalations {

    private final EscalationEngine engine;

    Escalations(EscalationEngine engine) {
        this.engine = engine;
    }

    /**
     * Pages every step that is due by the clock, in batches, and returns how many steps it handled. The engine
     * loop calls this; tests call it after moving the clock. Safe to call from several instances at once.
     */
    public int processDue() {
        return engine.processDue();
    }

    public Optional<EscalationView> find(UUID incidentId) {
        return engine.view(incidentId);
    }
}
