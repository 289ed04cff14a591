package dev.klaxon.slo;

import dev.klaxon.classification.Classification;
import dev.klaxon.classification.ClassificationDefinition;
import dev.klaxon.classification.SloPriorities;
import dev.klaxon.classification.SloPriority;
import dev.klaxon.common.ConflictException;
import dev.klaxon.common.Ids;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.InvalidInputException.FieldError;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.services.Services;
import dev.klaxon.slo.internal.BreachStore;
import dev.klaxon.slo.internal.BucketStore;
import dev.klaxon.slo.internal.BucketStore.Counts;
import dev.klaxon.slo.internal.Evaluator;
import dev.klaxon.slo.internal.Puller;
import dev.klaxon.slo.internal.SloProperties;
import dev.klaxon.slo.internal.SloStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** SLOs: define them, push their events, read their status and breaches. */
@Service
public class Slos {

    public static final String DEFAULT_SOURCE = "default";
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");

    private final SloStore store;
    private final BucketStore buckets;
    private final BreachStore breaches;
    private final Evaluator evaluator;
    private final Puller puller;
    private final SloPriorities priorities;
    private final Classification classification;
    private final Services services;
    private final SloProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;

    Slos(
            SloStore store,
            BucketStore buckets,
            BreachStore breaches,
            Evaluator evaluator,
            Puller puller,
            SloPriorities priorities,
            Classification classification,
            Services services,
            SloProperties properties,
            Clock clock,
            TransactionTemplate tx) {
        this.tx = tx;
        this.store = store;
        this.buckets = buckets;
        this.breaches = breaches;
        this.evaluator = evaluator;
        this.puller = puller;
        this.priorities = priorities;
        this.classification = classification;
        this.services = services;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public SloView create(SloSpec spec, Caller by) {
        requireManager(spec.serviceId(), by);
        var checked = SloValidation.check(spec);
        checkReferences(checked);
        Instant now = clock.instant();
        var slo = new SloView(
                Ids.timeOrdered(),
                checked.serviceId(),
                checked.name(),
                checked.description(),
                checked.sliKind(),
                checked.sliRatio(),
                checked.objective(),
                checked.window(),
                null,
                List.of(),
                checked.stakeholderGroups(),
                checked.alerting(),
                checked.queries(),
                now,
                now);
        try {
            store.insert(slo, now.plus(checked.alerting().evaluateEvery()));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The service already has an SLO named '" + slo.name() + "'");
        }
        var priority = priorities.set(slo.id(), checked.priority(), checked.priorityFrequency(), by);
        return slo.withPriority(priority.priority(), priority.frequency());
    }

    /**
     * Creates several SLOs at once (an import): all or none. The keys say where each SLO came from (e.g.
     * {@code slos[1]}); field errors carry them as a prefix ({@code slos[1].objective}).
     */
    @Transactional
    public List<SloView> createAll(Map<String, SloSpec> specs, Caller by) {
        specs.values().forEach(spec -> requireManager(spec.serviceId(), by));
        List<FieldError> errors = new ArrayList<>();
        for (var entry : specs.entrySet()) {
            try {
                checkReferences(SloValidation.check(entry.getValue()));
            } catch (InvalidInputException e) {
                for (FieldError error : e.errors()) {
                    errors.add(new FieldError(
                            entry.getKey().isEmpty() ? error.field() : entry.getKey() + "." + error.field(),
                            error.message()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<SloView> created = new ArrayList<>();
        for (SloSpec spec : specs.values()) {
            created.add(create(spec, by));
        }
        return created;
    }

    /** Replaces the definition (the service stays); a changed priority starts a new entry in its history. */
    @Transactional
    public SloView update(UUID id, SloSpec spec, Caller by) {
        var current = get(id);
        requireManager(current.serviceId(), by);
        var checked = SloValidation.check(new SloSpec(
                current.serviceId(),
                spec.name(),
                spec.description(),
                spec.sliKind(),
                spec.sliRatio(),
                spec.objective(),
                spec.window(),
                spec.priority(),
                spec.priorityFrequency(),
                spec.stakeholderGroups(),
                spec.alerting(),
                spec.queries()));
        checkReferences(checked);
        var updated = new SloView(
                id,
                current.serviceId(),
                checked.name(),
                checked.description(),
                checked.sliKind(),
                checked.sliRatio(),
                checked.objective(),
                checked.window(),
                current.priority(),
                current.priorityFrequency(),
                checked.stakeholderGroups(),
                checked.alerting(),
                checked.queries(),
                current.createdAt(),
                clock.instant());
        try {
            store.update(updated);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The service already has an SLO named '" + updated.name() + "'");
        }
        var frequency = checked.priorityFrequency() == null ? List.of() : checked.priorityFrequency();
        if (!Objects.equals(current.priority(), checked.priority())
                || !current.priorityFrequency().equals(frequency)) {
            var priority = priorities.set(id, checked.priority(), checked.priorityFrequency(), by);
            return updated.withPriority(priority.priority(), priority.frequency());
        }
        return updated;
    }

    /** Deletes the SLO and its data; open signals of its breaches are resolved first, breaches stay as history. */
    public void delete(UUID id, Caller by) {
        var slo = get(id);
        requireManager(slo.serviceId(), by);
        evaluator.retire(slo, clock.instant());
        tx.executeWithoutResult(s -> {
            if (!store.delete(id)) {
                throw new NotFoundException("SLO", id);
            }
        });
    }

    /**
     * SLOs are their service's team's to define and feed. An unknown service is left to validation, which names the
     * field.
     */
    void requireManager(UUID serviceId, Caller by) {
        if (serviceId != null) {
            services.find(serviceId).ifPresent(service -> by.require(Permission.SLOS_MANAGE, service.teamId()));
        }
    }

    @Transactional(readOnly = true)
    public Optional<SloView> find(UUID id) {
        return store.find(id).map(this::withPriority);
    }

    public SloView get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("SLO", id));
    }

    @Transactional(readOnly = true)
    public List<SloView> list(UUID serviceId) {
        return store.list(serviceId).stream().map(this::withPriority).toList();
    }

    /** The status now, from the stored events (conditions as of their last evaluation). */
    @Transactional(readOnly = true)
    public SloStatus status(UUID id) {
        return evaluator.status(get(id), clock.instant());
    }

    @Transactional(readOnly = true)
    public SloStatus status(SloView slo) {
        return evaluator.status(slo, clock.instant());
    }

    /** The status now of each of these SLOs, read together (for lists). */
    @Transactional(readOnly = true)
    public Map<UUID, SloStatus> statuses(List<SloView> slos) {
        return evaluator.statuses(slos, clock.instant());
    }

    /** How pulling the SLO's counts from Prometheus goes; null for SLOs whose counts are pushed. */
    @Transactional(readOnly = true)
    public PullStatus pullStatus(SloView slo) {
        return puller.status(slo);
    }

    @Transactional(readOnly = true)
    public List<SloBreachView> breaches(UUID sloId, int limit) {
        return breaches.forSlo(sloId, limit);
    }

    /** The breaches whose signals went to this incident (usually one). */
    @Transactional(readOnly = true)
    public List<SloBreachView> breachesOfIncident(UUID incidentId) {
        return breaches.forIncident(incidentId);
    }

    /** Event counts per hour (all sources), for charts. */
    @Transactional(readOnly = true)
    public List<BucketStore.Point> hourly(UUID sloId, Instant since, Instant until) {
        return buckets.hourly(sloId, since, until);
    }

    /**
     * Stores event counts in minute buckets. Counts of the same minute within one push are added up; a later
     * push for the same minute and source replaces the earlier one, so re-sending a batch changes nothing.
     *
     * @return the number of minute buckets written
     */
    public int push(UUID sloId, String source, List<EventCount> events, Caller by) {
        requireManager(get(sloId).serviceId(), by);
        String src = source == null || source.isBlank() ? DEFAULT_SOURCE : source.strip();
        if (get(sloId).queries() != null && src.equals(Puller.SOURCE)) {
            throw InvalidInputException.of(
                    "source", "'" + Puller.SOURCE + "' is where this SLO's pulled counts go; push with another source");
        }
        var byMinute = collect(src, events);
        buckets.replace(sloId, src, byMinute);
        return byMinute.size();
    }

    private TreeMap<Instant, Counts> collect(String source, List<EventCount> events) {
        List<FieldError> errors = new ArrayList<>();
        if (!SOURCE.matcher(source).matches()) {
            errors.add(new FieldError("source", "must be 1 to 100 of A-Z, a-z, 0-9 and ._:/-"));
        }
        if (events == null || events.isEmpty()) {
            errors.add(new FieldError("events", "at least one event count is required"));
        } else if (events.size() > properties.maxEventsPerPush()) {
            errors.add(new FieldError("events", "at most " + properties.maxEventsPerPush() + " per push"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = clock.instant();
        Instant oldest = now.minus(properties.acceptLate());
        Instant newest = now.plus(properties.acceptFuture());
        var byMinute = new TreeMap<Instant, Counts>();
        for (int i = 0; i < events.size() && errors.size() < 20; i++) {
            var e = events.get(i);
            String path = "events[" + i + "]";
            if (e == null) {
                errors.add(new FieldError(path, "must not be null"));
                continue;
            }
            if (e.timestamp() == null) {
                errors.add(new FieldError(path + ".timestamp", "is required (ISO-8601, e.g. 2026-11-23T10:15:00Z)"));
            } else if (e.timestamp().isBefore(oldest) || e.timestamp().isAfter(newest)) {
                errors.add(new FieldError(
                        path + ".timestamp",
                        "must be between " + oldest.truncatedTo(ChronoUnit.SECONDS) + " and "
                                + newest.truncatedTo(ChronoUnit.SECONDS)));
            }
            if (e.total() == null || e.total() < 0) {
                errors.add(new FieldError(path + ".total", "is required and must not be negative"));
            }
            if ((e.good() == null) == (e.bad() == null)) {
                errors.add(new FieldError(path, "give exactly one of good and bad"));
            } else if (e.total() != null) {
                long n = e.good() != null ? e.good() : e.bad();
                if (n < 0 || n > e.total()) {
                    errors.add(new FieldError(
                            path + (e.good() != null ? ".good" : ".bad"), "must be between 0 and total"));
                }
            }
            if (errors.isEmpty()) {
                long good = e.good() != null ? e.good() : e.total() - e.bad();
                byMinute.merge(
                        e.timestamp().truncatedTo(ChronoUnit.MINUTES),
                        new Counts(good, e.total()),
                        (a, b) -> new Counts(a.good() + b.good(), a.total() + b.total()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return byMinute;
    }

    private void checkReferences(SloSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (services.find(spec.serviceId()).isEmpty()) {
            errors.add(new FieldError("serviceId", "service " + spec.serviceId() + " does not exist"));
        }
        ClassificationDefinition definition = classification.current().definition();
        var conditions = spec.alerting().conditions();
        for (int i = 0; i < conditions.size(); i++) {
            String p = conditions.get(i).priority();
            if (p != null && definition.priority(p) == null) {
                errors.add(new FieldError(
                        "alerting.conditions[" + i + "].priority",
                        "'" + p + "' is not a defined priority; priorities are "
                                + definition.priorities().stream()
                                        .map(ClassificationDefinition.Priority::name)
                                        .toList()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private SloView withPriority(SloView slo) {
        return priorities
                .at(slo.id(), clock.instant())
                .map(p -> slo.withPriority(p.priority(), p.frequency()))
                .orElse(slo);
    }

    /** The SLO's priority history (newest first). */
    @Transactional(readOnly = true)
    public List<SloPriority> priorityHistory(UUID id) {
        return priorities.history(id);
    }
}
