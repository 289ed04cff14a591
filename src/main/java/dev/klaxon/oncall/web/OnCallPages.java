package dev.klaxon.oncall.web;

import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NavigationLink;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.TeamView;
import dev.klaxon.identity.Teams;
import dev.klaxon.identity.UserView;
import dev.klaxon.identity.Users;
import dev.klaxon.oncall.CalendarFeeds;
import dev.klaxon.oncall.LayerSpec;
import dev.klaxon.oncall.OnCall;
import dev.klaxon.oncall.OnCallShift;
import dev.klaxon.oncall.Overrides;
import dev.klaxon.oncall.RestrictionSpec;
import dev.klaxon.oncall.RotationSpec;
import dev.klaxon.oncall.RotationView;
import dev.klaxon.oncall.Rotations;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Who is on call now, the calendar of the next weeks, and editing a rotation with its overrides and feeds. */
@Controller
class OnCallPages {

    static final int CALENDAR_DAYS = 28;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Rotations rotations;
    private final Overrides overrides;
    private final OnCall onCall;
    private final CalendarFeeds feeds;
    private final Teams teams;
    private final Users users;
    private final ObjectMapper json;
    private final Clock clock;

    OnCallPages(
            Rotations rotations,
            Overrides overrides,
            OnCall onCall,
            CalendarFeeds feeds,
            Teams teams,
            Users users,
            ObjectMapper json,
            Clock clock) {
        this.rotations = rotations;
        this.overrides = overrides;
        this.onCall = onCall;
        this.feeds = feeds;
        this.teams = teams;
        this.users = users;
        this.json = json;
        this.clock = clock;
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {
        @Bean
        NavigationLink onCallLink() {
            return new NavigationLink("On call", "/oncall", 25);
        }
    }

    /** One row of the calendar: a rotation and, per day, the people on call during that day. */
    record CalendarRow(RotationView rotation, String team, List<List<String>> days) {}

    /** A row of the "now" table. */
    record NowRow(OnCallShift shift, String team, String until) {}

    @GetMapping("/oncall")
    String onCall(
            @RequestParam(required = false) UUID teamId,
            @RequestParam(required = false) String from,
            Caller me,
            Model model) {
        Instant now = clock.instant();
        LocalDate first;
        try {
            first = from == null || from.isBlank() ? LocalDate.ofInstant(now, ZoneOffset.UTC) : LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("from", "must be a date as YYYY-MM-DD");
        }
        Map<UUID, String> teamNames = teamNames();
        List<RotationView> all = rotations.list(teamId, null);
        List<NowRow> current = onCall.onCallAt(now, teamId, null).stream()
                .map(s -> new NowRow(
                        s,
                        teamNames.getOrDefault(s.teamId(), "?"),
                        local(s.until(), zoneOf(all, s.rotationId())) + " "
                                + zoneOf(all, s.rotationId()).getId()))
                .toList();
        List<LocalDate> days = first.datesUntil(first.plusDays(CALENDAR_DAYS)).toList();
        List<CalendarRow> rows = new ArrayList<>();
        for (RotationView r : all) {
            ZoneId zone = ZoneId.of(r.timeZone());
            Instant start = first.atStartOfDay(zone).toInstant();
            Instant end = first.plusDays(CALENDAR_DAYS).atStartOfDay(zone).toInstant();
            List<OnCallShift> shifts = onCall.shifts(r.id(), start, end);
            List<List<String>> cells = new ArrayList<>();
            for (LocalDate day : days) {
                Instant dayStart = day.atStartOfDay(zone).toInstant();
                Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
                cells.add(List.copyOf(shifts.stream()
                        .filter(s -> s.from().isBefore(dayEnd) && s.until().isAfter(dayStart))
                        .map(OnCallShift::userName)
                        .collect(Collectors.toCollection(LinkedHashSet::new))));
            }
            rows.add(new CalendarRow(r, teamNames.getOrDefault(r.teamId(), "?"), cells));
        }
        model.addAttribute("now", current);
        model.addAttribute("rows", rows);
        model.addAttribute("days", days.stream().map(DAY::format).toList());
        model.addAttribute("dayKeys", days.stream().map(LocalDate::toString).toList());
        model.addAttribute("first", first.toString());
        model.addAttribute("previous", first.minusDays(CALENDAR_DAYS).toString());
        model.addAttribute("next", first.plusDays(CALENDAR_DAYS).toString());
        model.addAttribute("teams", teams.list());
        model.addAttribute("manageableTeams", manageableTeams(me));
        model.addAttribute("teamId", teamId);
        model.addAttribute(
                "myShifts",
                onCall.shiftsOfUser(me.userId().orElseThrow(), now, now.plus(java.time.Duration.ofDays(28))));
        model.addAttribute("myFeeds", feeds.listForUser(me.userId().orElseThrow(), me));
        return "oncall/oncall";
    }

    @PostMapping("/oncall/my-feed")
    String createMyFeed(Caller me, Model model) {
        model.addAttribute("createdFeed", feeds.createForUser(me.userId().orElseThrow(), me));
        return onCall(null, null, me, model);
    }

    @GetMapping("/rotations/new")
    String newRotation(@RequestParam(required = false) UUID teamId, Caller me, Model model) {
        model.addAttribute("rotation", null);
        model.addAttribute("form", Form.empty(teamId));
        model.addAttribute("teams", teams.list());
        model.addAttribute("manageableTeams", manageableTeams(me));
        model.addAttribute("users", users.list());
        return "oncall/edit";
    }

    @PostMapping("/rotations")
    String create(Form form, Caller me) {
        RotationView created = rotations.create(form.toSpec(users.list(), json), me);
        return "redirect:/rotations/" + created.id();
    }

    @GetMapping("/rotations/{id}")
    String detail(@PathVariable UUID id, Caller me, Model model) {
        RotationView rotation = rotations.get(id);
        ZoneId zone = ZoneId.of(rotation.timeZone());
        Instant now = clock.instant();
        Map<UUID, String> names = users.list().stream().collect(Collectors.toMap(UserView::id, UserView::name));
        model.addAttribute("rotation", rotation);
        model.addAttribute(
                "team", teams.find(rotation.teamId()).map(TeamView::name).orElse("?"));
        model.addAttribute("form", Form.of(rotation, users.list(), json));
        model.addAttribute("teams", teams.list());
        // A manager may move the rotation to another team they manage; the current team is always shown.
        model.addAttribute(
                "manageableTeams",
                teams.list().stream()
                        .filter(t -> t.id().equals(rotation.teamId()) || me.can(Permission.ROTATIONS_MANAGE, t.id()))
                        .toList());
        model.addAttribute("users", users.list());
        model.addAttribute("names", names);
        model.addAttribute(
                "upcoming",
                onCall.shifts(id, now, now.plus(java.time.Duration.ofDays(14))).stream()
                        .map(s -> Map.of(
                                "name", s.userName(),
                                "from", local(s.from(), zone),
                                "until", local(s.until(), zone),
                                "source", s.source().wireName(),
                                "start", s.from().toString()))
                        .toList());
        model.addAttribute(
                "overrides",
                overrides.list(id).stream()
                        .map(o -> Map.<String, Object>of(
                                "o", o,
                                "from", local(o.from(), zone),
                                "until", local(o.until(), zone),
                                "who", names.getOrDefault(o.userId(), "?"),
                                "replaces",
                                        o.replacesUserId() == null
                                                ? "whoever is on call"
                                                : names.getOrDefault(o.replacesUserId(), "?")))
                        .toList());
        model.addAttribute("feeds", feeds.listForRotation(id));
        return "oncall/edit";
    }

    @PostMapping("/rotations/{id}")
    String update(@PathVariable UUID id, Form form, Caller me) {
        rotations.update(id, form.toSpec(users.list(), json), me);
        return "redirect:/rotations/" + id;
    }

    @PostMapping("/rotations/{id}/delete")
    String delete(@PathVariable UUID id, Caller me) {
        rotations.delete(id, me);
        return "redirect:/oncall";
    }

    /** Local date-times in the rotation's zone, as {@code <input type="datetime-local">} sends them. */
    @PostMapping("/rotations/{id}/overrides")
    String createOverride(
            @PathVariable UUID id,
            @RequestParam UUID userId,
            @RequestParam(required = false) UUID replacesUserId,
            @RequestParam String from,
            @RequestParam String until,
            Caller me) {
        ZoneId zone = ZoneId.of(rotations.get(id).timeZone());
        overrides.create(id, userId, replacesUserId, instant("from", from, zone), instant("until", until, zone), me);
        return "redirect:/rotations/" + id;
    }

    @PostMapping("/rotations/{id}/overrides/{overrideId}/cancel")
    String cancelOverride(@PathVariable UUID id, @PathVariable UUID overrideId, Caller me) {
        overrides.cancel(id, overrideId, me);
        return "redirect:/rotations/" + id;
    }

    @PostMapping("/rotations/{id}/swaps")
    String swap(
            @PathVariable UUID id, @RequestParam Instant shiftStart, @RequestParam Instant withShiftStart, Caller me) {
        overrides.swap(id, shiftStart, withShiftStart, me);
        return "redirect:/rotations/" + id;
    }

    /** Renders the page directly so the feed URL is shown once and never kept in the session. */
    @PostMapping("/rotations/{id}/calendar-feeds")
    String createFeed(@PathVariable UUID id, Caller me, Model model) {
        model.addAttribute("createdFeed", feeds.createForRotation(id, me));
        return detail(id, me, model);
    }

    @PostMapping("/calendar-feeds/{id}/revoke")
    String revokeFeed(@PathVariable UUID id, Caller me) {
        var feed = feeds.find(id).orElseThrow(() -> new dev.klaxon.common.NotFoundException("Calendar feed", id));
        feeds.revoke(id, me);
        return CalendarFeeds.ROTATION.equals(feed.kind())
                ? "redirect:/rotations/" + feed.subjectId()
                : "redirect:/oncall";
    }

    private static Instant instant(String field, String value, ZoneId zone) {
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, "must be a date and time");
        }
    }

    private static String local(Instant instant, ZoneId zone) {
        return LOCAL.format(instant.atZone(zone));
    }

    private static ZoneId zoneOf(List<RotationView> all, UUID rotationId) {
        return all.stream()
                .filter(r -> r.id().equals(rotationId))
                .map(r -> ZoneId.of(r.timeZone()))
                .findFirst()
                .orElse(ZoneOffset.UTC);
    }

    /** The teams whose rotations the caller may create and change. */
    private List<TeamView> manageableTeams(Caller caller) {
        return teams.list().stream()
                .filter(t -> caller.can(Permission.ROTATIONS_MANAGE, t.id()))
                .toList();
    }

    private Map<UUID, String> teamNames() {
        return teams.list().stream().collect(Collectors.toMap(TeamView::id, TeamView::name));
    }

    /**
     * The rotation form. Participants are usernames, one per line, in order (a name may repeat); restrictions
     * and layers are JSON as in the API, since they are rarely edited.
     */
    record Form(
            String name,
            UUID teamId,
            String role,
            String participants,
            String shiftLength,
            String handoffTime,
            String timeZone,
            String start,
            String restrictions,
            String layers) {

        static Form empty(UUID teamId) {
            return new Form("", teamId, "", "", "P7D", "09:00", "Europe/Berlin", "", "", "");
        }

        static Form of(RotationView r, List<UserView> users, ObjectMapper json) {
            Map<UUID, String> usernames = users.stream().collect(Collectors.toMap(UserView::id, UserView::username));
            return new Form(
                    r.name(),
                    r.teamId(),
                    r.role(),
                    r.participants().stream()
                            .map(id -> usernames.getOrDefault(id, id.toString()))
                            .collect(Collectors.joining("\n")),
                    r.shiftLength(),
                    r.handoffTime(),
                    r.timeZone(),
                    r.start(),
                    r.restrictions().isEmpty() ? "" : json.writeValueAsString(r.restrictions()),
                    r.layers().isEmpty() ? "" : json.writeValueAsString(r.layers()));
        }

        RotationSpec toSpec(List<UserView> users, ObjectMapper json) {
            Map<String, UUID> byName = users.stream()
                    .collect(Collectors.toMap(
                            u -> u.username().toLowerCase(Locale.ROOT), UserView::id, (a, b) -> a, LinkedHashMap::new));
            List<UUID> people = new ArrayList<>();
            String text = participants == null ? "" : participants;
            for (String line : text.split("[\\n,]")) {
                String username = line.strip();
                if (username.isEmpty()) {
                    continue;
                }
                UUID id = byName.get(username.toLowerCase(Locale.ROOT));
                if (id == null) {
                    throw InvalidInputException.of("participants", "no user named '" + username + "'");
                }
                people.add(id);
            }
            return new RotationSpec(
                    name,
                    teamId,
                    role,
                    people,
                    shiftLength,
                    handoffTime,
                    timeZone,
                    start,
                    parse("restrictions", restrictions, json, new TypeReference<List<RestrictionSpec>>() {}),
                    parse("layers", layers, json, new TypeReference<List<LayerSpec>>() {}));
        }

        private static <T> List<T> parse(String field, String value, ObjectMapper json, TypeReference<List<T>> type) {
            if (value == null || value.isBlank()) {
                return List.of();
            }
            try {
                return json.readValue(value, type);
            } catch (JacksonException e) {
                throw InvalidInputException.of(field, "must be a JSON list as in the API (see the documentation)");
            }
        }
    }
}
