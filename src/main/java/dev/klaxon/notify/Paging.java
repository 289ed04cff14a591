package dev.klaxon.notify;

import dev.klaxon.common.Actor;
import dev.klaxon.common.Ids;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.UserView;
import dev.klaxon.identity.Users;
import dev.klaxon.notify.internal.ContactStore;
import dev.klaxon.notify.internal.DeliveryStore;
import dev.klaxon.notify.internal.DeliveryWorker;
import dev.klaxon.notify.internal.PageStore;
import dev.klaxon.timeline.NewEntry;
import dev.klaxon.timeline.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pages people: the escalation engine decides who is paged at which step, this decides how they are reached.
 * Pages and their deliveries are written in the caller's transaction, so they exist exactly when the step that
 * caused them committed; the outbox sends them after commit.
 */
@Service
public class Paging {

    /** Above this many people in one call, all users are read at once instead of one by one. */
    private static final int READ_ALL_USERS_ABOVE = 20;

    private final ContactStore contacts;
    private final PageStore pages;
    private final DeliveryStore deliveries;
    private final DeliveryWorker worker;
    private final Timeline timeline;
    private final Users users;
    private final TransactionTemplate savepoint;
    private final Clock clock;

    Paging(
            ContactStore contacts,
            PageStore pages,
            DeliveryStore deliveries,
            DeliveryWorker worker,
            Timeline timeline,
            Users users,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.contacts = contacts;
        this.pages = pages;
        this.deliveries = deliveries;
        this.worker = worker;
        this.timeline = timeline;
        this.users = users;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    /**
     * Joins the caller's transaction. One page per (incident, stepKey, user): re-requesting an existing page
     * returns nothing for it. A page gets one delivery per notification rule of the person, due at the page time
     * plus the rule's delay; a contact method with several rules is used once per page, at its shortest delay.
     * Writes a PAGED timeline line per new page, or DELIVERY_ABANDONED when the person cannot be reached.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<PageCreated> page(List<PageRequest> requests) {
        return write(requests, false);
    }

    /**
     * Writes the pages of a step that falls due later (each request's {@code at}), so that at that instant the
     * outbox only has to hand their deliveries to a sender. Their timeline lines are kept with the pages and
     * written by {@link #announceDue} once their time has come; a staged page {@link #withdrawStaged withdrawn}
     * before its time never appears on the timeline. Joins the caller's transaction, like {@link #page}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<PageCreated> stage(List<PageRequest> requests) {
        if (requests.stream().anyMatch(r -> r.at() == null)) {
            throw new IllegalArgumentException("a staged page needs its page time");
        }
        return write(requests, true);
    }

    /**
     * Writes the timeline lines of the staged pages of these incidents whose time has come, at their page time.
     * The caller holds what serialises work on these incidents (the escalation engine: their escalation rows).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int announceDue(Collection<UUID> incidentIds) {
        if (incidentIds.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<PageStore.Announcement> due = pages.dueAnnouncements(incidentIds, now);
        if (due.isEmpty()) {
            return 0;
        }
        addDeliveriesForNewMethods(due, now);
        pages.clearAnnouncements(
                due.stream().map(PageStore.Announcement::pageId).toList());
        timeline.appendAll(due.stream().map(PageStore.Announcement::line).toList());
        return due.size();
    }

    /**
     * A person who replaced a contact method between the staging and the due time (the old one's delivery was
     * cancelled with it) is reached on the new one: a staged page gets a delivery for every contact method its
     * person has now and it has none for, due at the page time plus the rule's delay (at once when that passed).
     */
    private void addDeliveriesForNewMethods(List<PageStore.Announcement> due, Instant now) {
        Map<UUID, List<ContactStore.Target>> targets = contacts.targets(
                due.stream().map(PageStore.Announcement::userId).collect(Collectors.toSet()));
        Set<String> existing = deliveries.methodsOfPages(
                due.stream().map(PageStore.Announcement::pageId).toList());
        List<DeliveryStore.NewDelivery> missing = new ArrayList<>();
        for (var page : due) {
            for (var target : oncePerMethod(targets.get(page.userId()))) {
                if (existing.contains(page.pageId() + "/" + target.contactMethodId())) {
                    continue;
                }
                var delivery = pageDelivery(
                        page.pageId(), page.line().incidentId(), page.line().at(), target, now);
                missing.add(delivery.dueAt().isBefore(now) ? delivery.withDueAt(now) : delivery);
            }
        }
        if (!missing.isEmpty()) {
            deliveries.insertAll(missing);
            worker.wakeAfterCommit();
        }
    }

    /**
     * Takes back the staged pages of an incident whose time is after {@code at}: their deliveries are cancelled
     * with {@code why} and they never reach the timeline. Pages whose time has passed stay (they may have gone
     * out) and are announced as usual. Returns the number of pages withdrawn.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int withdrawStaged(UUID incidentId, Instant at, String why) {
        List<UUID> staged = pages.stagedAfter(incidentId, at);
        if (staged.isEmpty()) {
            return 0;
        }
        pages.withdraw(staged, at);
        deliveries.cancelForPages(staged, why);
        return staged.size();
    }

    private List<PageCreated> write(List<PageRequest> requests, boolean staged) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        var unique = new LinkedHashMap<String, PageRequest>();
        requests.forEach(r -> unique.putIfAbsent(r.incidentId() + "/" + r.stepKey() + "/" + r.userId(), r));
        Set<String> existing = pages.existingKeys(
                unique.values().stream().map(PageRequest::incidentId).distinct().toList());
        List<PageRequest> fresh = unique.entrySet().stream()
                .filter(e -> !existing.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        if (fresh.isEmpty()) {
            return List.of();
        }
        List<PageStore.PageRow> rows = fresh.stream()
                .map(r -> new PageStore.PageRow(
                        Ids.timeOrdered(),
                        r.incidentId(),
                        r.userId(),
                        r.stepKey(),
                        r.reason(),
                        r.level(),
                        r.reason() == PageReason.ROLE ? r.role() : null,
                        r.at() == null ? now : r.at(),
                        null))
                .toList();

        Set<UUID> userIds = rows.stream().map(PageStore.PageRow::userId).collect(Collectors.toSet());
        Map<UUID, UserView> people = people(userIds);
        // A deactivated person is never notified: the page is recorded, with why nobody was reached.
        Set<UUID> deactivated = people.values().stream()
                .filter(u -> !u.active())
                .map(UserView::id)
                .collect(Collectors.toSet());
        Map<UUID, List<ContactStore.Target>> targets = new HashMap<>(contacts.targets(userIds));
        targets.keySet().removeAll(deactivated);
        Map<UUID, String> names = new HashMap<>();
        people.forEach((id, user) -> names.put(id, user.name()));
        Set<UUID> withoutRules = new HashSet<>(userIds);
        withoutRules.removeAll(targets.keySet());
        Set<UUID> withMethods = withoutRules.isEmpty()
                ? Set.of()
                : contacts.methods(withoutRules).keySet();

        Map<UUID, List<DeliveryStore.NewDelivery>> deliveriesByPage = new HashMap<>();
        Map<UUID, NewEntry> lines = new LinkedHashMap<>();
        for (var page : rows) {
            String name = names.getOrDefault(page.userId(), "Unknown user " + page.userId());
            List<String> plan = new ArrayList<>();
            List<DeliveryStore.NewDelivery> planned = new ArrayList<>();
            for (var target : oncePerMethod(targets.get(page.userId()))) {
                planned.add(pageDelivery(page.id(), page.incidentId(), page.pagedAt(), target, now));
                plan.add(
                        target.delayMinutes() == 0
                                ? target.type()
                                : target.type() + " after " + target.delayMinutes() + " min");
            }
            deliveriesByPage.put(page.id(), planned);
            String why = page.reason() == PageReason.ROLE
                    ? "for the role " + page.role()
                    : (page.reason() == PageReason.RENOTIFY ? "again, " : "") + "at escalation level " + page.level();
            // A staged page's line carries its page time: it is written once that time has come.
            Instant lineAt = staged ? page.pagedAt() : now;
            if (plan.isEmpty()) {
                lines.put(
                        page.id(),
                        new NewEntry(
                                page.incidentId(),
                                lineAt,
                                NotifyEntryKinds.DELIVERY_ABANDONED,
                                Actor.SYSTEM,
                                name,
                                deactivated.contains(page.userId())
                                        ? name + " is deactivated; paged " + why + " but not notified"
                                        : withMethods.contains(page.userId())
                                                ? name + " has no notification rules; paged " + why
                                                        + " but not notified"
                                                : name + " has no contact methods; paged " + why
                                                        + " but not notified"));
            } else {
                lines.put(
                        page.id(),
                        new NewEntry(
                                page.incidentId(),
                                lineAt,
                                NotifyEntryKinds.PAGED,
                                Actor.SYSTEM,
                                name,
                                "Paged " + name + " " + why + " (" + page.stepKey() + "): " + String.join(", ", plan)));
            }
        }
        Map<UUID, NewEntry> announcements = staged ? lines : Map.of();
        List<PageStore.PageRow> inserted = insertAll(rows, chunk -> pages.insertAll(chunk, announcements));

        List<DeliveryStore.NewDelivery> newDeliveries = new ArrayList<>();
        List<NewEntry> written = new ArrayList<>();
        List<PageCreated> created = new ArrayList<>();
        for (var page : inserted) {
            List<DeliveryStore.NewDelivery> planned = deliveriesByPage.get(page.id());
            newDeliveries.addAll(planned);
            written.add(lines.get(page.id()));
            created.add(new PageCreated(page.id(), page.incidentId(), page.userId(), page.stepKey(), planned.size()));
        }
        if (!newDeliveries.isEmpty()) {
            deliveries.insertAll(newDeliveries);
            worker.wakeAfterCommit();
        }
        if (!staged) {
            timeline.appendAll(written);
        }
        return created;
    }

    /**
     * Informational notices (shift hand-offs): every contact method of the user, immediately, once per
     * (dedupKey, user, method), without an acknowledge link.
     */
    @Transactional
    public void inform(List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<UUID, List<ContactMethodView>> methods =
                contacts.methods(notices.stream().map(Notice::userId).toList());
        List<DeliveryStore.NewDelivery> rows = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        notices.stream()
                .collect(Collectors.groupingBy(Notice::dedupKey, LinkedHashMap::new, Collectors.toList()))
                .forEach((key, group) -> {
                    Set<String> existing = deliveries.existingNotices(
                            key, group.stream().map(Notice::userId).toList());
                    for (Notice notice : group) {
                        for (var method : methods.getOrDefault(notice.userId(), List.of())) {
                            String pair = notice.userId() + "/" + method.id();
                            if (existing.contains(pair) || !planned.add(key + "/" + pair)) {
                                continue;
                            }
                            rows.add(new DeliveryStore.NewDelivery(
                                    Ids.timeOrdered(),
                                    null,
                                    null,
                                    key,
                                    notice.userId(),
                                    method.id(),
                                    method.type(),
                                    method.address(),
                                    0,
                                    truncate(notice.subject(), 500),
                                    truncate(notice.text(), 4000),
                                    now,
                                    notice.at() == null ? now : notice.at()));
                        }
                    }
                });
        if (!rows.isEmpty()) {
            insertAll(rows, deliveries::insertAll);
            worker.wakeAfterCommit();
        }
    }

    /** Deliveries of an incident, for the incident page and tests. */
    @Transactional(readOnly = true)
    /**
     * Every delivery of the incident's pages. Where a delivery went (an address, a phone number, a webhook URL that
     * is itself a credential) is private to the person paged: others see it blank.
     */
    public List<DeliveryView> deliveries(UUID incidentId, Caller viewer) {
        return deliveries.forIncident(incidentId).stream()
                .map(d -> viewer.mayReadPrivateOf(d.userId()) ? d : d.withoutAddress())
                .toList();
    }

    /**
     * Inserts in one batch under a savepoint; if another instance inserted one of the rows meanwhile (a unique
     * key), rolls back to the savepoint and inserts row by row, skipping the duplicates, so the caller's
     * transaction survives on PostgreSQL too.
     */
    private <T> List<T> insertAll(List<T> rows, Consumer<List<T>> insert) {
        try {
            savepoint.executeWithoutResult(status -> insert.accept(rows));
            return rows;
        } catch (DataIntegrityViolationException e) {
            List<T> inserted = new ArrayList<>();
            for (T row : rows) {
                try {
                    savepoint.executeWithoutResult(status -> insert.accept(List.of(row)));
                    inserted.add(row);
                } catch (DataIntegrityViolationException duplicate) {
                    // Someone else paged this person for this step first.
                }
            }
            return inserted;
        }
    }

    /** A person's targets with each contact method once, at its first (shortest) delay. */
    private static List<ContactStore.Target> oncePerMethod(List<ContactStore.Target> targets) {
        if (targets == null) {
            return List.of();
        }
        Set<UUID> methodsUsed = new HashSet<>();
        return targets.stream()
                .filter(target -> methodsUsed.add(target.contactMethodId()))
                .toList();
    }

    /** A page's delivery to one target, due at the page time plus the target's delay. */
    private static DeliveryStore.NewDelivery pageDelivery(
            UUID pageId, UUID incidentId, Instant pagedAt, ContactStore.Target target, Instant createdAt) {
        return new DeliveryStore.NewDelivery(
                Ids.timeOrdered(),
                pageId,
                incidentId,
                null,
                target.userId(),
                target.contactMethodId(),
                target.type(),
                target.address(),
                target.delayMinutes(),
                null,
                null,
                createdAt,
                pagedAt.plus(Duration.ofMinutes(target.delayMinutes())));
    }

    private Map<UUID, UserView> people(Set<UUID> userIds) {
        Map<UUID, UserView> people = new HashMap<>();
        if (userIds.size() > READ_ALL_USERS_ABOVE) {
            users.list().stream().filter(u -> userIds.contains(u.id())).forEach(u -> people.put(u.id(), u));
        } else {
            userIds.forEach(id -> users.find(id).ifPresent(user -> people.put(id, user)));
        }
        return people;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
