package dev.klaxon.slo.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.klaxon.classification.FrequencyStep;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.InvalidInputException.FieldError;
import dev.klaxon.identity.Caller;
import dev.klaxon.services.ServiceView;
import dev.klaxon.services.Services;
import dev.klaxon.slo.AlertingSettings;
import dev.klaxon.slo.EventCount;
import dev.klaxon.slo.PullStatus;
import dev.klaxon.slo.SliQueries;
import dev.klaxon.slo.SloBreachView;
import dev.klaxon.slo.SloEvaluations;
import dev.klaxon.slo.SloSpec;
import dev.klaxon.slo.SloStatus;
import dev.klaxon.slo.SloView;
import dev.klaxon.slo.Slos;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** SLOs over REST: define, push events, read budget and burn rates, evaluate now. */
@RestController
@RequestMapping("/api/v1/slos")
class SlosApiController {

    private final Slos slos;
    private final SloEvaluations evaluations;
    private final Services services;

    SlosApiController(Slos slos, SloEvaluations evaluations, Services services) {
        this.slos = slos;
        this.evaluations = evaluations;
        this.services = services;
    }

    record SloBody(
            UUID serviceId,
            String name,
            String description,
            String sliKind,
            String sliRatio,
            Double objective,
            String window,
            String priority,
            List<FrequencyStep> priorityFrequency,
            List<String> stakeholderGroups,
            AlertingSettings alerting,
            String goodQuery,
            String badQuery,
            String totalQuery) {

        SloSpec spec() {
            return new SloSpec(
                    serviceId,
                    name,
                    description,
                    sliKind,
                    sliRatio,
                    objective,
                    window,
                    priority,
                    priorityFrequency,
                    stakeholderGroups,
                    alerting,
                    SliQueries.ofNullable(goodQuery, badQuery, totalQuery));
        }
    }

    /** The error budget in events and as fractions of the window's budget (0.5 = half). */
    record Budget(double total, double consumed, double remaining, long goodEvents, long badEvents, long totalEvents) {}

    /** An SLO with its state now. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SloResponse(
            UUID id,
            UUID serviceId,
            String name,
            String description,
            String sliKind,
            String sliRatio,
            double objective,
            String window,
            String priority,
            List<FrequencyStep> priorityFrequency,
            List<String> stakeholderGroups,
            AlertingSettings alerting,
            String goodQuery,
            String badQuery,
            String totalQuery,
            PullStatus pull,
            Instant createdAt,
            Instant updatedAt,
            String state,
            Double sli,
            Budget errorBudget,
            Map<String, Double> burnRates,
            Instant projectedExhaustion,
            boolean exhaustsBeforeWindowEnd,
            List<SloStatus.ConditionStatus> conditions) {

        static SloResponse of(SloView slo, SloStatus status, PullStatus pull) {
            var b = status.errorBudget();
            var q = slo.queries();
            return new SloResponse(
                    slo.id(),
                    slo.serviceId(),
                    slo.name(),
                    slo.description(),
                    slo.sliKind(),
                    slo.sliRatio(),
                    slo.objective(),
                    slo.window(),
                    slo.priority(),
                    slo.priorityFrequency(),
                    slo.stakeholderGroups(),
                    slo.alerting(),
                    q == null ? null : q.goodQuery(),
                    q == null ? null : q.badQuery(),
                    q == null ? null : q.totalQuery(),
                    pull,
                    slo.createdAt(),
                    slo.updatedAt(),
                    status.state().name(),
                    status.sli(),
                    new Budget(b.allowedBad(), b.consumed(), b.remaining(), b.good(), b.bad(), b.total()),
                    status.burnRates(),
                    status.projectedExhaustion(),
                    status.exhaustsBeforeWindowEnd(),
                    status.conditions());
        }
    }

    record EventsBody(String source, List<EventCount> events) {}

    record EventsAccepted(int events, int buckets) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SloResponse create(@RequestBody SloBody body, Caller me) {
        var slo = slos.create(body.spec(), me);
        return response(slo);
    }

    @GetMapping
    List<SloResponse> list(@RequestParam(required = false) UUID serviceId) {
        var list = slos.list(serviceId);
        var statuses = slos.statuses(list);
        return list.stream()
                .map(slo -> SloResponse.of(slo, statuses.get(slo.id()), slos.pullStatus(slo)))
                .toList();
    }

    @GetMapping("/{id}")
    SloResponse get(@PathVariable UUID id) {
        var slo = slos.get(id);
        return response(slo);
    }

    @PutMapping("/{id}")
    SloResponse update(@PathVariable UUID id, @RequestBody SloBody body, Caller me) {
        var slo = slos.update(id, body.spec(), me);
        return response(slo);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Caller me) {
        slos.delete(id, me);
    }

    /** {@code {"source":"prometheus-1","events":[{"timestamp":"...","good":990,"total":1000}]}}. */
    @PostMapping("/{id}/events")
    EventsAccepted push(@PathVariable UUID id, @RequestBody EventsBody body, Caller me) {
        int buckets = slos.push(id, body.source(), body.events(), me);
        return new EventsAccepted(body.events().size(), buckets);
    }

    @PostMapping("/{id}/evaluate")
    SloResponse evaluate(@PathVariable UUID id, Caller me) {
        var status = evaluations.evaluateNow(id, me);
        var slo = slos.get(id);
        return SloResponse.of(slo, status, slos.pullStatus(slo));
    }

    /** The SLO as an OpenSLO v1 document (YAML). */
    @GetMapping(
            value = "/{id}/openslo",
            produces = {"application/yaml", "text/yaml", "*/*"})
    org.springframework.http.ResponseEntity<String> exportOpenSlo(@PathVariable UUID id) {
        var slo = slos.get(id);
        String service = services.find(slo.serviceId())
                .map(ServiceView::name)
                .orElse(slo.serviceId().toString());
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType("application/yaml"))
                .body(OpenSloFormat.export(slo, service));
    }

    /** Creates an SLO from an OpenSLO v1 document (YAML) for the given service; alerting gets the defaults. */
    @PostMapping(
            value = "/openslo",
            consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @ResponseStatus(HttpStatus.CREATED)
    SloResponse importOpenSlo(@RequestParam UUID serviceId, @RequestBody String yaml, Caller me) {
        var slo = slos.create(OpenSloFormat.parse(yaml, serviceId), me);
        return response(slo);
    }

    private SloResponse response(SloView slo) {
        return SloResponse.of(slo, slos.status(slo), slos.pullStatus(slo));
    }

    /** What an import created and what it did not use. */
    record ImportResponse(List<String> formats, List<SloResponse> created, List<ImportReport.Ignored> ignored) {}

    /**
     * Creates the SLOs of OpenSLO v1 and/or Sloth {@code prometheus/v1} documents (YAML, several separated by
     * {@code ---}), all or none. Each goes to the Klaxon service its document names ({@code spec.service} /
     * {@code service}), or to {@code serviceId} when given.
     */
    @PostMapping(
            value = "/import",
            consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @ResponseStatus(HttpStatus.CREATED)
    ImportResponse importDocuments(
            @RequestParam(required = false) UUID serviceId, @RequestBody(required = false) String yaml, Caller me) {
        var report = new ImportReport();
        SloDocuments.read(yaml, report);
        Map<String, SloSpec> specs = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        List<ServiceView> all = serviceId == null ? services.list(null) : List.of();
        for (var candidate : report.slos) {
            UUID service = serviceId;
            if (service == null) {
                var matches = all.stream()
                        .filter(s -> s.name().equals(candidate.service()))
                        .toList();
                if (matches.isEmpty()) {
                    matches = all.stream()
                            .filter(s -> s.name().equalsIgnoreCase(candidate.service()))
                            .toList();
                }
                if (matches.size() == 1) {
                    service = matches.get(0).id();
                } else {
                    errors.add(new FieldError(
                            candidate.servicePath(),
                            candidate.service().isEmpty()
                                    ? "is required (the Klaxon service's name), or give ?serviceId="
                                    : (matches.isEmpty()
                                                    ? "no Klaxon service is named '"
                                                    : "several services are named '")
                                            + candidate.service() + "'; name a Klaxon service or give ?serviceId="));
                    continue;
                }
            }
            var s = candidate.spec();
            specs.put(
                    candidate.path(),
                    new SloSpec(
                            service,
                            s.name(),
                            s.description(),
                            s.sliKind(),
                            s.sliRatio(),
                            s.objective(),
                            s.window(),
                            s.priority(),
                            s.priorityFrequency(),
                            s.stakeholderGroups(),
                            s.alerting(),
                            s.queries()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (specs.isEmpty()) {
            throw InvalidInputException.of("body", "contains no SLO");
        }
        var created = slos.createAll(specs, me).stream().map(this::response).toList();
        return new ImportResponse(report.formats.stream().sorted().toList(), created, report.ignored);
    }

    /** The SLO as a Sloth {@code prometheus/v1} document (YAML). */
    @GetMapping(
            value = "/{id}/sloth",
            produces = {"application/yaml", "text/yaml", "*/*"})
    ResponseEntity<String> exportSloth(@PathVariable UUID id) {
        var slo = slos.get(id);
        return yaml(OpenSloFormat.YAML.writeValueAsString(SlothFormat.export(List.of(slo), serviceName(slo))));
    }

    /**
     * All SLOs of a service as one Sloth {@code prometheus/v1} document ({@code format=sloth}) or as OpenSLO v1
     * documents separated by {@code ---} ({@code format=openslo}).
     */
    @GetMapping(
            value = "/export",
            produces = {"application/yaml", "text/yaml", "*/*"})
    ResponseEntity<String> export(@RequestParam(required = false) String format, @RequestParam UUID serviceId) {
        var service = services.find(serviceId)
                .orElseThrow(() -> InvalidInputException.of("serviceId", "service " + serviceId + " does not exist"));
        var list = slos.list(serviceId);
        if ("sloth".equals(format)) {
            return yaml(OpenSloFormat.YAML.writeValueAsString(SlothFormat.export(list, service.name())));
        }
        if ("openslo".equals(format)) {
            var out = new StringBuilder();
            for (SloView slo : list) {
                out.append("---\n").append(OpenSloFormat.export(slo, service.name()));
            }
            return yaml(out.toString());
        }
        throw InvalidInputException.of("format", "must be sloth or openslo");
    }

    private String serviceName(SloView slo) {
        return services.find(slo.serviceId())
                .map(ServiceView::name)
                .orElse(slo.serviceId().toString());
    }

    private static ResponseEntity<String> yaml(String body) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/yaml"))
                .body(body);
    }

    @GetMapping("/{id}/breaches")
    List<SloBreachView> breaches(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
        slos.get(id);
        return slos.breaches(id, Math.max(1, Math.min(limit, 500)));
    }
}
