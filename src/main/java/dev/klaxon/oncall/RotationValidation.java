package dev.klaxon.oncall;

import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.InvalidInputException.FieldError;
import dev.klaxon.identity.Teams;
import dev.klaxon.identity.Users;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a {@link RotationSpec} field by field and brings it into canonical form; every problem is reported
 * at once with the JSON path of the offending field.
 */
final class RotationValidation {

    static final int MAX_LAYERS = 10;
    static final int MAX_PARTICIPANTS = 100;
    static final int MAX_RESTRICTIONS = 21;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Teams teams;
    private final Users users;
    private final List<FieldError> errors = new ArrayList<>();

    RotationValidation(Teams teams, Users users) {
        this.teams = teams;
        this.users = users;
    }

    /** The canonical view of a valid spec (id and timestamps as given), or an {@link InvalidInputException}. */
    RotationView check(RotationSpec spec, UUID id, java.time.Instant createdAt, java.time.Instant updatedAt) {
        if (spec == null) {
            throw InvalidInputException.of("body", "is required");
        }
        String name = text("name", spec.name(), 100);
        String role = text("role", spec.role(), 100);
        if (spec.teamId() == null) {
            error("teamId", "is required");
        } else if (teams.find(spec.teamId()).isEmpty()) {
            error("teamId", "team " + spec.teamId() + " does not exist");
        }
        String zone = zone(spec.timeZone());
        List<UUID> participants = participants("participants", spec.participants());
        String length = length("shiftLength", spec.shiftLength());
        String handoff = time("handoffTime", spec.handoffTime(), true);
        String start = date("start", spec.start(), true);
        List<RestrictionSpec> restrictions = restrictions("restrictions", spec.restrictions());
        List<LayerSpec> layers = new ArrayList<>();
        List<LayerSpec> given = spec.layers() == null ? List.of() : spec.layers();
        if (given.size() > MAX_LAYERS) {
            error("layers", "at most " + MAX_LAYERS + " layers");
        }
        for (int i = 0; i < given.size() && i < MAX_LAYERS; i++) {
            LayerSpec layer = given.get(i);
            String path = "layers[" + i + "]";
            if (layer == null) {
                error(path, "is required");
                continue;
            }
            String layerName = layer.name() == null || layer.name().isBlank()
                    ? "Layer " + (i + 1)
                    : text(path + ".name", layer.name(), 100);
            List<UUID> layerPeople = participants(path + ".participants", layer.participants());
            String layerLength = length(path + ".shiftLength", layer.shiftLength());
            String layerHandoff =
                    layer.handoffTime() == null ? handoff : time(path + ".handoffTime", layer.handoffTime(), true);
            String layerStart = layer.start() == null ? start : date(path + ".start", layer.start(), true);
            List<RestrictionSpec> layerRestrictions = restrictions(path + ".restrictions", layer.restrictions());
            layers.add(new LayerSpec(layerName, layerPeople, layerLength, layerHandoff, layerStart, layerRestrictions));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new RotationView(
                id,
                name,
                spec.teamId(),
                role,
                participants,
                length,
                handoff,
                zone,
                start,
                restrictions,
                List.copyOf(layers),
                createdAt,
                updatedAt);
    }

    /** The arithmetic for a stored (already canonical) rotation. */
    static RotationSchedule schedule(RotationView r, List<Cover> covers) {
        Track base = track(r.participants(), r.shiftLength(), r.handoffTime(), r.start(), r.restrictions());
        List<Track> layers = r.layers().stream()
                .map(l -> track(l.participants(), l.shiftLength(), l.handoffTime(), l.start(), l.restrictions()))
                .toList();
        return new RotationSchedule(ZoneId.of(r.timeZone()), base, layers, covers);
    }

    private static Track track(
            List<UUID> participants, String length, String handoff, String start, List<RestrictionSpec> restrictions) {
        return new Track(
                participants,
                ShiftLength.parse(length),
                LocalTime.parse(handoff),
                LocalDate.parse(start),
                restrictions.stream().map(RotationValidation::restriction).toList());
    }

    static Restriction restriction(RestrictionSpec r) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (r.days() != null) {
            r.days().forEach(d -> days.add(day(d)));
        }
        return new Restriction(days, LocalTime.parse(r.from()), LocalTime.parse(r.to()));
    }

    private static DayOfWeek day(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(v) || d.name().substring(0, 3).equals(v)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown day " + value);
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    private String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            error(field, "must not be blank");
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            error(field, "must be at most " + max + " characters");
        }
        return v;
    }

    private String zone(String value) {
        if (value == null || value.isBlank()) {
            error("timeZone", "is required, e.g. Europe/Berlin");
            return null;
        }
        try {
            return ZoneId.of(value.strip()).getId();
        } catch (DateTimeException e) {
            error("timeZone", "must be a time zone id such as Europe/Berlin or America/New_York");
            return null;
        }
    }

    private List<UUID> participants(String field, List<UUID> given) {
        if (given == null || given.isEmpty()) {
            error(field, "needs at least one participant");
            return List.of();
        }
        if (given.size() > MAX_PARTICIPANTS) {
            error(field, "at most " + MAX_PARTICIPANTS + " participants");
            return List.of();
        }
        for (int i = 0; i < given.size(); i++) {
            UUID user = given.get(i);
            if (user == null) {
                error(field + "[" + i + "]", "must be a user id");
            } else if (users.find(user).isEmpty()) {
                error(field + "[" + i + "]", "user " + user + " does not exist");
            }
        }
        return List.copyOf(given.stream().filter(java.util.Objects::nonNull).toList());
    }

    private String length(String field, String value) {
        try {
            return ShiftLength.parse(value).iso();
        } catch (IllegalArgumentException e) {
            error(field, e.getMessage());
            return null;
        }
    }

    private String time(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                error(field, "is required, as HH:mm");
            }
            return null;
        }
        try {
            return LocalTime.parse(value.strip(), HH_MM).format(HH_MM);
        } catch (DateTimeParseException e) {
            error(field, "must be a time of day as HH:mm, e.g. 09:00");
            return null;
        }
    }

    private String date(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                error(field, "is required, as YYYY-MM-DD");
            }
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).toString();
        } catch (DateTimeParseException e) {
            error(field, "must be a date as YYYY-MM-DD");
            return null;
        }
    }

    private List<RestrictionSpec> restrictions(String field, List<RestrictionSpec> given) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        if (given.size() > MAX_RESTRICTIONS) {
            error(field, "at most " + MAX_RESTRICTIONS + " restrictions");
            return List.of();
        }
        List<RestrictionSpec> result = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            RestrictionSpec r = given.get(i);
            String path = field + "[" + i + "]";
            if (r == null) {
                error(path, "is required");
                continue;
            }
            Set<String> days = new LinkedHashSet<>();
            if (r.days() != null) {
                for (int d = 0; d < r.days().size(); d++) {
                    try {
                        days.add(day(String.valueOf(r.days().get(d))).name().substring(0, 3));
                    } catch (IllegalArgumentException e) {
                        error(path + ".days[" + d + "]", "must be one of MON, TUE, WED, THU, FRI, SAT, SUN");
                    }
                }
            }
            String from = time(path + ".from", r.from(), true);
            String to = time(path + ".to", r.to(), true);
            List<String> ordered = EnumSet.allOf(DayOfWeek.class).stream()
                    .map(d -> d.name().substring(0, 3))
                    .filter(days::contains)
                    .toList();
            result.add(new RestrictionSpec(ordered, from, to));
        }
        return List.copyOf(result);
    }
}
