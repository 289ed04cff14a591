package dev.klaxon.classification;

import dev.klaxon.classification.internal.SloPriorityStore;
import dev.klaxon.common.Actor;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.services.Services;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The priority each SLO's breaches get, keyed by SLO id (the SLO engine owns the SLOs themselves). Kept as a
 * history so that a breach gets the priority its SLO had when the breach occurred.
 */
@Service
public class SloPriorities {

    private final SloPriorityStore store;
    private final Classification classification;
    private final Clock clock;
    private final Services services;
    private final ObjectProvider<SloDirectory> slos;

    SloPriorities(
            SloPriorityStore store,
            Classification classification,
            Clock clock,
            Services services,
            ObjectProvider<SloDirectory> slos) {
        this.store = store;
        this.classification = classification;
        this.clock = clock;
        this.services = services;
        this.slos = slos;
    }

    /** Sets the SLO's priority (null: none, the error-budget fallback decides) from now on. */
    @Transactional
    public SloPriority set(UUID sloId, String priority, List<FrequencyStep> frequency, Caller caller) {
        UUID serviceId = slos.getObject().serviceOf(sloId).orElseThrow(() -> new NotFoundException("SLO", sloId));
        caller.require(Permission.SLOS_MANAGE, services.get(serviceId).teamId());
        Actor by = caller.actor();
        RuleValidation.checkSloPriority(
                priority, frequency, classification.current().definition());
        var value = new SloPriority(sloId, priority, frequency, clock.instant(), by.name());
        store.insert(value);
        return value;
    }

    @Transactional(readOnly = true)
    public Optional<SloPriority> at(UUID sloId, Instant at) {
        return store.at(sloId, at);
    }

    @Transactional(readOnly = true)
    public List<SloPriority> history(UUID sloId) {
        return store.history(sloId);
    }
}
