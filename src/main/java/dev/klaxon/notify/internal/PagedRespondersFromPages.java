package dev.klaxon.notify.internal;

import dev.klaxon.incidents.PagedResponders;
import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Answers {@link PagedResponders} from the pages this module wrote. */
@Component
class PagedRespondersFromPages implements PagedResponders {

    private final PageStore pages;
    private final Clock clock;

    PagedRespondersFromPages(PageStore pages, Clock clock) {
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean wasPaged(UUID incidentId, UUID userId) {
        return pages.exists(incidentId, userId, clock.instant());
    }

    @Override
    @Transactional(readOnly = true)
    public Set<UUID> pagedFor(UUID userId, Collection<UUID> incidentIds) {
        return incidentIds.isEmpty() ? Set.of() : pages.incidentsPaging(userId, incidentIds, clock.instant());
    }
}
