package dev.klaxon.notify;

import dev.klaxon.common.ConflictException;
import dev.klaxon.common.Ids;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.Users;
import dev.klaxon.notify.internal.ContactStore;
import dev.klaxon.notify.internal.DeliveryStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contact methods and notification rules. People manage their own; admins anyone's. Every method checks that
 * the caller may act on the user before it reads or writes anything.
 */
@Service
public class ContactMethods {

    public static final int MAX_DELAY_MINUTES = 1440;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{7,14}");

    private final ContactStore store;
    private final DeliveryStore deliveries;
    private final Users users;
    private final Clock clock;

    ContactMethods(ContactStore store, DeliveryStore deliveries, Users users, Clock clock) {
        this.store = store;
        this.deliveries = deliveries;
        this.users = users;
        this.clock = clock;
    }

    /**
     * Adds a contact method; unless {@code notifyImmediately} is false, also a rule that uses it at once when
     * the person is paged.
     */
    @Transactional
    public ContactMethodView create(
            Caller caller, UUID userId, String type, String address, String label, boolean notifyImmediately) {
        checkAccess(caller, userId);
        var errors = new LinkedHashMap<String, String>();
        var parsed = ContactType.parse(type);
        String normalised = address == null ? null : address.strip();
        if (type == null || type.isBlank()) {
            errors.put("type", "is required");
        } else if (parsed.isEmpty()) {
            errors.put("type", "must be one of email, webhook, slack, sms, voice");
        }
        if (normalised == null || normalised.isEmpty()) {
            errors.put("address", "is required");
        } else if (parsed.isPresent()) {
            String problem = addressProblem(parsed.get(), normalised);
            if (problem != null) {
                errors.put("address", problem);
            }
        }
        String cleanLabel = label == null || label.isBlank() ? null : label.strip();
        if (cleanLabel != null && cleanLabel.length() > 100) {
            errors.put("label", "must be at most 100 characters");
        }
        if (!errors.isEmpty()) {
            throw InvalidInputException.of(errors);
        }
        if (parsed.get() == ContactType.EMAIL) {
            normalised = normalised.toLowerCase(Locale.ROOT);
        }
        String finalAddress = normalised;
        if (store.methods(userId).stream()
                .anyMatch(m -> m.type().equals(parsed.get().id()) && m.address().equals(finalAddress))) {
            throw new ConflictException(
                    "This user already has the " + parsed.get().id() + " contact method " + finalAddress);
        }
        var method = new ContactMethodView(
                Ids.timeOrdered(), userId, parsed.get().id(), finalAddress, cleanLabel, clock.instant());
        store.insertMethod(method);
        if (notifyImmediately) {
            store.insertRule(new NotificationRuleView(
                    Ids.timeOrdered(), userId, method.id(), method.type(), 0, method.createdAt()));
        }
        return method;
    }

    @Transactional(readOnly = true)
    public List<ContactMethodView> list(Caller caller, UUID userId) {
        users.get(userId);
        caller.requireToReadPrivateOf(userId);
        return store.methods(userId);
    }

    /** Removes the method, its rules, and the deliveries to it that have not gone out yet. */
    @Transactional
    public void delete(Caller caller, UUID userId, UUID contactMethodId) {
        checkAccess(caller, userId);
        if (!store.deleteMethod(userId, contactMethodId)) {
            throw new NotFoundException("Contact method", contactMethodId);
        }
        deliveries.cancelPendingForMethod(contactMethodId);
    }

    @Transactional
    public NotificationRuleView createRule(Caller caller, UUID userId, UUID contactMethodId, Integer delayMinutes) {
        checkAccess(caller, userId);
        var errors = new LinkedHashMap<String, String>();
        ContactMethodView method = null;
        if (contactMethodId == null) {
            errors.put("contactMethodId", "is required");
        } else {
            method = store.method(userId, contactMethodId).orElse(null);
            if (method == null) {
                errors.put("contactMethodId", "is not a contact method of this user");
            }
        }
        if (delayMinutes == null) {
            errors.put("delayMinutes", "is required");
        } else if (delayMinutes < 0 || delayMinutes > MAX_DELAY_MINUTES) {
            errors.put("delayMinutes", "must be between 0 and " + MAX_DELAY_MINUTES);
        }
        if (!errors.isEmpty()) {
            throw InvalidInputException.of(errors);
        }
        if (store.ruleExists(contactMethodId, delayMinutes)) {
            throw new ConflictException("A rule for this contact method after " + delayMinutes + " minutes exists");
        }
        var rule = new NotificationRuleView(
                Ids.timeOrdered(), userId, contactMethodId, method.type(), delayMinutes, clock.instant());
        try {
            store.insertRule(rule);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A rule for this contact method after " + delayMinutes + " minutes exists");
        }
        return rule;
    }

    @Transactional(readOnly = true)
    public List<NotificationRuleView> rules(Caller caller, UUID userId) {
        users.get(userId);
        caller.requireToReadPrivateOf(userId);
        return store.rules(userId);
    }

    @Transactional
    public void deleteRule(Caller caller, UUID userId, UUID ruleId) {
        checkAccess(caller, userId);
        if (!store.deleteRule(userId, ruleId)) {
            throw new NotFoundException("Notification rule", ruleId);
        }
    }

    /** Why {@code address} is not a valid address of this type; null when it is. */
    static String addressProblem(ContactType type, String address) {
        if (address.length() > 2048) {
            return "must be at most 2048 characters";
        }
        return switch (type) {
            case EMAIL ->
                address.length() <= 320 && EMAIL.matcher(address).matches()
                        ? null
                        : "must be an e-mail address like name@example.com";
            case WEBHOOK, SLACK -> httpUrl(address) ? null : "must be an absolute http:// or https:// URL";
            case SMS, VOICE ->
                PHONE.matcher(address).matches()
                        ? null
                        : "must be a phone number in E.164 format: + and 8 to 15 digits, e.g. +4915112345678";
        };
    }

    private static boolean httpUrl(String address) {
        try {
            URI uri = new URI(address);
            return uri.isAbsolute()
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null
                    && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Contact methods are private: the person themselves, or someone who manages users. */
    private void checkAccess(Caller caller, UUID userId) {
        users.get(userId);
        caller.requireSelfOr(userId, Permission.USERS_MANAGE);
    }
}
