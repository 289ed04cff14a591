package dev.klaxon.slo.internal;

import dev.klaxon.classification.SloDirectory;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
class SloOwnership implements SloDirectory {

    private final SloStore store;

    SloOwnership(SloStore store) {
        this.store = store;
    }

    @Override
    public Optional<UUID> serviceOf(UUID sloId) {
        return store.find(sloId).map(slo -> slo.serviceId());
    }
}
