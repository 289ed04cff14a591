package dev.klaxon.notify.internal;

import dev.klaxon.identity.UserDeactivationHandler;
import dev.klaxon.identity.UserView;
import java.util.List;
import org.springframework.stereotype.Component;

/** A deactivated person is never paged: what was still waiting to be sent to them is cancelled. */
@Component
class DeliveriesCancelledOnDeactivation implements UserDeactivationHandler {

    private final DeliveryStore deliveries;

    DeliveriesCancelledOnDeactivation(DeliveryStore deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public List<String> deactivated(UserView user) {
        int cancelled = deliveries.cancelPendingForUser(user.id(), user.name() + " was deactivated");
        return cancelled == 0
                ? List.of()
                : List.of("Cancelled " + cancelled + " notification" + (cancelled == 1 ? "" : "s")
                        + " still waiting to be sent to " + user.name());
    }
}
