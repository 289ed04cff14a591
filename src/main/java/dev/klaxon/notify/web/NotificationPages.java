package dev.klaxon.notify.web;

import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.Users;
import dev.klaxon.notify.ContactMethods;
import dev.klaxon.notify.ContactType;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A person's contact methods and notification rules; admins open anyone's from the users list. */
@Controller
class NotificationPages {

    private final ContactMethods contactMethods;
    private final Users users;

    NotificationPages(ContactMethods contactMethods, Users users) {
        this.contactMethods = contactMethods;
        this.users = users;
    }

    record MethodForm(String type, String address, String label, boolean notifyImmediately) {}

    record RuleForm(UUID contactMethodId, Integer delayMinutes) {}

    /** The signed-in person's own page, or (for admins picking someone) {@code ?person=<id>}. */
    @GetMapping("/notifications")
    String mine(Caller me, @RequestParam(name = "person", required = false) UUID person, Model model) {
        return page(me, person == null ? me.userId().orElseThrow() : person, model);
    }

    @GetMapping("/notifications/{userId}")
    String page(Caller me, @PathVariable UUID userId, Model model) {
        model.addAttribute("methods", contactMethods.list(me, userId));
        model.addAttribute("rules", contactMethods.rules(me, userId));
        model.addAttribute("person", users.get(userId));
        model.addAttribute("self", me.userId().orElseThrow().equals(userId));
        boolean admin = me.can(Permission.USERS_MANAGE);
        model.addAttribute("admin", admin);
        model.addAttribute("people", admin ? users.list() : java.util.List.of());
        model.addAttribute(
                "types",
                Arrays.stream(ContactType.values()).map(ContactType::id).toList());
        return "notify/notifications";
    }

    @PostMapping("/notifications/{userId}/contact-methods")
    String addMethod(Caller me, @PathVariable UUID userId, MethodForm form) {
        contactMethods.create(me, userId, form.type(), form.address(), form.label(), form.notifyImmediately());
        return "redirect:/notifications/" + userId;
    }

    @PostMapping("/notifications/{userId}/contact-methods/{id}/delete")
    String deleteMethod(Caller me, @PathVariable UUID userId, @PathVariable UUID id) {
        contactMethods.delete(me, userId, id);
        return "redirect:/notifications/" + userId;
    }

    @PostMapping("/notifications/{userId}/rules")
    String addRule(Caller me, @PathVariable UUID userId, RuleForm form) {
        contactMethods.createRule(me, userId, form.contactMethodId(), form.delayMinutes());
        return "redirect:/notifications/" + userId;
    }

    @PostMapping("/notifications/{userId}/rules/{id}/delete")
    String deleteRule(Caller me, @PathVariable UUID userId, @PathVariable UUID id) {
        contactMethods.deleteRule(me, userId, id);
        return "redirect:/notifications/" + userId;
    }
}
