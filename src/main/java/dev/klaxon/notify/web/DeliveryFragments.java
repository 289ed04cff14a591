package dev.klaxon.notify.web;

import dev.klaxon.identity.Caller;
import dev.klaxon.identity.UserView;
import dev.klaxon.identity.Users;
import dev.klaxon.notify.DeliveryView;
import dev.klaxon.notify.Paging;
import java.net.URI;
import java.util.HashMap;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The "Deliveries" section the incident page loads with htmx. */
@Controller
class DeliveryFragments {

    private final Paging paging;
    private final Users users;

    DeliveryFragments(Paging paging, Users users) {
        this.paging = paging;
        this.users = users;
    }

    record Row(DeliveryView delivery, String person, String channel) {}

    @GetMapping("/incidents/{id}/deliveries")
    String deliveries(@PathVariable UUID id, Caller me, Model model) {
        var names = new HashMap<UUID, String>();
        model.addAttribute("incidentId", id);
        model.addAttribute(
                "rows",
                paging.deliveries(id, me).stream()
                        .map(d -> new Row(
                                d,
                                names.computeIfAbsent(
                                        d.userId(),
                                        userId -> users.find(userId)
                                                .map(UserView::name)
                                                .orElse("unknown user")),
                                shown(d)))
                        .toList());
        return "notify/fragments :: deliveries";
    }

    /** Webhook URLs often carry their secret in the path: show the host only; others' addresses not at all. */
    private static String shown(DeliveryView delivery) {
        if (delivery.address() == null) {
            return delivery.channel(); // another person's contact method: where it went is theirs
        }
        if (delivery.channel().equals("webhook") || delivery.channel().equals("slack")) {
            try {
                return delivery.channel() + " " + URI.create(delivery.address()).getHost();
            } catch (IllegalArgumentException e) {
                return delivery.channel();
            }
        }
        return delivery.channel() + " " + delivery.address();
    }
}
