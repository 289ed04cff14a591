package dev.klaxon.notify.web;

import dev.klaxon.identity.Caller;
import dev.klaxon.incidents.Incidents;
import dev.klaxon.notify.ContactMethodView;
import dev.klaxon.notify.ContactMethods;
import dev.klaxon.notify.DeliveryView;
import dev.klaxon.notify.NotificationRuleView;
import dev.klaxon.notify.Paging;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Contact methods and notification rules of a user (the user themselves or an admin), and deliveries. */
@RestController
@RequestMapping("/api/v1")
class NotifyApiController {

    private final ContactMethods contactMethods;
    private final Paging paging;
    private final Incidents incidents;

    NotifyApiController(ContactMethods contactMethods, Paging paging, Incidents incidents) {
        this.contactMethods = contactMethods;
        this.paging = paging;
        this.incidents = incidents;
    }

    /**
     * @param type email, webhook, slack, sms or voice
     * @param notifyImmediately also add a rule that uses the method as soon as the person is paged (default true)
     */
    record NewContactMethod(String type, String address, String label, Boolean notifyImmediately) {}

    record NewRule(UUID contactMethodId, Integer delayMinutes) {}

    @PostMapping("/users/{id}/contact-methods")
    @ResponseStatus(HttpStatus.CREATED)
    ContactMethodView create(Caller me, @PathVariable UUID id, @RequestBody NewContactMethod body) {
        return contactMethods.create(
                me, id, body.type(), body.address(), body.label(), !Boolean.FALSE.equals(body.notifyImmediately()));
    }

    @GetMapping("/users/{id}/contact-methods")
    List<ContactMethodView> list(Caller me, @PathVariable UUID id) {
        return contactMethods.list(me, id);
    }

    @DeleteMapping("/users/{id}/contact-methods/{contactMethodId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller me, @PathVariable UUID id, @PathVariable UUID contactMethodId) {
        contactMethods.delete(me, id, contactMethodId);
    }

    @PostMapping("/users/{id}/notification-rules")
    @ResponseStatus(HttpStatus.CREATED)
    NotificationRuleView createRule(Caller me, @PathVariable UUID id, @RequestBody NewRule body) {
        return contactMethods.createRule(me, id, body.contactMethodId(), body.delayMinutes());
    }

    @GetMapping("/users/{id}/notification-rules")
    List<NotificationRuleView> rules(Caller me, @PathVariable UUID id) {
        return contactMethods.rules(me, id);
    }

    @DeleteMapping("/users/{id}/notification-rules/{ruleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteRule(Caller me, @PathVariable UUID id, @PathVariable UUID ruleId) {
        contactMethods.deleteRule(me, id, ruleId);
    }

    /** Every delivery of the incident's pages: where, when due, attempts and outcome. */
    @GetMapping("/incidents/{id}/deliveries")
    List<DeliveryView> deliveries(@PathVariable UUID id, Caller me) {
        incidents.get(id);
        return paging.deliveries(id, me);
    }
}
