package dev.klaxon.slo.web;

import dev.klaxon.classification.Classification;
import dev.klaxon.classification.ClassificationDefinition;
import dev.klaxon.common.NavigationLink;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.incidents.IncidentView;
import dev.klaxon.incidents.Incidents;
import dev.klaxon.services.ServiceView;
import dev.klaxon.services.Services;
import dev.klaxon.slo.AlertCondition;
import dev.klaxon.slo.AlertingSettings;
import dev.klaxon.slo.SliQueries;
import dev.klaxon.slo.SloBreachView;
import dev.klaxon.slo.SloEvaluations;
import dev.klaxon.slo.SloSpec;
import dev.klaxon.slo.SloStatus;
import dev.klaxon.slo.SloView;
import dev.klaxon.slo.Slos;
import dev.klaxon.slo.internal.Evaluator;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Browse, create and edit SLOs; the SLO page with its budget charts; the SLO section of an incident. */
@Controller
class SloPages {

    private static final int BREACHES_SHOWN = 50;

    private final Slos slos;
    private final SloEvaluations evaluations;
    private final Services services;
    private final Incidents incidents;
    private final Classification classification;

    SloPages(
            Slos slos,
            SloEvaluations evaluations,
            Services services,
            Incidents incidents,
            Classification classification) {
        this.slos = slos;
        this.evaluations = evaluations;
        this.services = services;
        this.incidents = incidents;
        this.classification = classification;
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {
        @Bean
        NavigationLink slosLink() {
            return new NavigationLink("SLOs", "/slos", 15);
        }
    }

    /** A row of the SLO list. */
    record Row(SloView slo, SloStatus status, String serviceName) {}

    /** A breach with its incident's number, for links. */
    record BreachRow(SloBreachView breach, IncidentView incident) {}

    /**
     * The SLO form. {@code alertingStyle}: keep (edit only), multiwindow (SRE Workbook defaults) or depletion
     * (chapter 9, with the depletion fields).
     */
    record SloForm(
            UUID serviceId,
            String name,
            String description,
            String sliKind,
            String sliRatio,
            Double objective,
            String window,
            String priority,
            String stakeholderGroups,
            String alertingStyle,
            Double depletionPercent,
            Integer depletionWindowMinutes,
            Integer evaluateEveryMinutes,
            Integer snoozeMinutes,
            String goodQuery,
            String badQuery,
            String totalQuery) {

        SloSpec spec(AlertingSettings current) {
            return new SloSpec(
                    serviceId,
                    name,
                    description,
                    blankToNull(sliKind),
                    blankToNull(sliRatio),
                    objective,
                    window,
                    blankToNull(priority),
                    null,
                    stakeholderGroups == null || stakeholderGroups.isBlank()
                            ? List.of()
                            : Arrays.stream(stakeholderGroups.split(","))
                                    .map(String::strip)
                                    .filter(s -> !s.isEmpty())
                                    .toList(),
                    alerting(current),
                    SliQueries.ofNullable(goodQuery, badQuery, totalQuery));
        }

        private AlertingSettings alerting(AlertingSettings current) {
            String style = alertingStyle == null ? "multiwindow" : alertingStyle;
            AlertingSettings base = switch (style) {
                case "keep" -> current;
                case "depletion" ->
                    new AlertingSettings(
                            Duration.ofMinutes(5),
                            Duration.ofMinutes(120),
                            List.of(AlertCondition.depletion(
                                    "depletion",
                                    depletionPercent == null ? 200 : depletionPercent,
                                    Duration.ofMinutes(depletionWindowMinutes == null ? 60 : depletionWindowMinutes))));
                default -> AlertingSettings.multiWindowDefaults();
            };
            if (base == null) {
                return null;
            }
            return new AlertingSettings(
                    evaluateEveryMinutes == null ? base.evaluateEvery() : Duration.ofMinutes(evaluateEveryMinutes),
                    snoozeMinutes == null ? base.snooze() : Duration.ofMinutes(snoozeMinutes),
                    base.conditions());
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    @GetMapping("/slos")
    String list(@RequestParam(required = false) UUID serviceId, Caller me, Model model) {
        Map<UUID, String> serviceNames =
                services.list(null).stream().collect(Collectors.toMap(ServiceView::id, ServiceView::name, (a, b) -> a));
        var list = slos.list(serviceId);
        var statuses = slos.statuses(list);
        model.addAttribute(
                "rows",
                list.stream()
                        .map(slo ->
                                new Row(slo, statuses.get(slo.id()), serviceNames.getOrDefault(slo.serviceId(), "?")))
                        .toList());
        var allServices = services.list(null);
        model.addAttribute("services", allServices);
        // The new-SLO form offers only the services whose team lets the caller manage SLOs.
        model.addAttribute(
                "manageableServices",
                allServices.stream()
                        .filter(s -> me.can(Permission.SLOS_MANAGE, s.teamId()))
                        .toList());
        model.addAttribute("serviceId", serviceId);
        model.addAttribute("priorities", priorities());
        return "slo/list";
    }

    @PostMapping("/slos")
    String create(SloForm form, Caller me) {
        var slo = slos.create(form.spec(null), me);
        return "redirect:/slos/" + slo.id();
    }

    @GetMapping("/slos/{id}")
    String detail(@PathVariable UUID id, Caller me, Model model) {
        var slo = slos.get(id);
        var service = services.find(slo.serviceId());
        var status = slos.status(slo);
        var from = slo.sloWindow().start(status.at());
        var series = slos.hourly(id, from, status.at());
        model.addAttribute("slo", slo);
        model.addAttribute("status", status);
        model.addAttribute("pull", slos.pullStatus(slo));
        model.addAttribute("service", service.map(ServiceView::name).orElse("?"));
        model.addAttribute(
                "mayManage",
                service.map(s -> me.can(Permission.SLOS_MANAGE, s.teamId())).orElse(me.can(Permission.SLOS_MANAGE)));
        model.addAttribute("burnDown", SloCharts.burnDown(slo, status, series, from));
        model.addAttribute("burnRate", SloCharts.burnRate(slo, series, from, status.at()));
        model.addAttribute("breaches", breachRows(slos.breaches(id, BREACHES_SHOWN)));
        model.addAttribute("priorities", priorities());
        model.addAttribute("priorityHistory", slos.priorityHistory(id));
        model.addAttribute("conditionText", conditionTexts(slo, status));
        return "slo/detail";
    }

    @PostMapping("/slos/{id}")
    String update(@PathVariable UUID id, SloForm form, Caller me) {
        var current = slos.get(id);
        slos.update(id, form.spec(current.alerting()), me);
        return "redirect:/slos/" + id;
    }

    @PostMapping("/slos/{id}/delete")
    String delete(@PathVariable UUID id, Caller me) {
        slos.delete(id, me);
        return "redirect:/slos";
    }

    @PostMapping("/slos/{id}/evaluate")
    String evaluate(@PathVariable UUID id, Caller me) {
        evaluations.evaluateNow(id, me);
        return "redirect:/slos/" + id;
    }

    /** The SLO section of an incident page: which SLO breached and how its budget stands now. */
    @GetMapping("/incidents/{id}/slo")
    String incidentSection(@PathVariable UUID id, Model model) {
        var breaches = slos.breachesOfIncident(id);
        Map<UUID, SloView> bySlo = new HashMap<>();
        for (SloBreachView b : breaches) {
            bySlo.computeIfAbsent(b.sloId(), sloId -> slos.find(sloId).orElse(null));
        }
        model.addAttribute("breaches", breaches);
        model.addAttribute("slos", bySlo);
        model.addAttribute(
                "statuses",
                bySlo.values().stream().filter(s -> s != null).collect(Collectors.toMap(SloView::id, slos::status)));
        return "slo/fragments :: incident";
    }

    private List<BreachRow> breachRows(List<SloBreachView> breaches) {
        Map<UUID, IncidentView> cache = new HashMap<>();
        return breaches.stream()
                .map(b -> new BreachRow(
                        b, b.incidentId() == null ? null : cache.computeIfAbsent(b.incidentId(), incidentOrNull())))
                .toList();
    }

    private Function<UUID, IncidentView> incidentOrNull() {
        return incidentId -> {
            try {
                return incidents.get(incidentId);
            } catch (NotFoundException e) {
                return null;
            }
        };
    }

    private Map<String, String> conditionTexts(SloView slo, SloStatus status) {
        return slo.alerting().conditions().stream()
                .collect(Collectors.toMap(
                        AlertCondition::name, c -> Evaluator.describe(c, status.burnRates()), (a, b) -> a));
    }

    private List<String> priorities() {
        return classification.current().definition().priorities().stream()
                .map(ClassificationDefinition.Priority::name)
                .toList();
    }
}
