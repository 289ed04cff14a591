package dev.klaxon.oncall;

import dev.klaxon.identity.UserView;
import dev.klaxon.identity.Users;
import dev.klaxon.oncall.internal.RotationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is on call: the query facade for other modules (the escalation engine resolves "rotation X" and "the
 * on-call person of role R in team T" here) and for the API. Roles compare trimmed and case-insensitively.
 */
@Service
public class OnCall {

    private final RotationStore rotations;
    private final Schedules schedules;
    private final Users users;

    OnCall(RotationStore rotations, Schedules schedules, Users users) {
        this.rotations = rotations;
        this.schedules = schedules;
        this.users = users;
    }

    /** The person on call for a rotation at an instant, with the bounds of their current stretch. */
    @Transactional(readOnly = true)
    public Optional<OnCallShift> onCall(UUID rotationId, Instant at) {
        return rotations.find(rotationId).flatMap(r -> current(r, at, new HashMap<>()));
    }

    /** The people on call at an instant in every rotation of a team's role. */
    @Transactional(readOnly = true)
    public List<OnCallShift> onCallFor(UUID teamId, String role, Instant at) {
        if (teamId == null || role == null || role.isBlank()) {
            return List.of();
        }
        return onCallAt(at, teamId, role);
    }

    /** Who is on call at an instant, over all rotations or those of a team and/or role. */
    @Transactional(readOnly = true)
    public List<OnCallShift> onCallAt(Instant at, UUID teamId, String role) {
        Map<UUID, String> names = new HashMap<>();
        List<OnCallShift> result = new ArrayList<>();
        for (RotationView r : rotations.list(teamId, role)) {
            current(r, at, names).ifPresent(result::add);
        }
        return result;
    }

    /** The resolved stretches of a rotation that overlap [from, until), whole (not clipped to the period). */
    @Transactional(readOnly = true)
    public List<OnCallShift> shifts(UUID rotationId, Instant from, Instant until) {
        return rotations
                .find(rotationId)
                .map(r -> shifts(r, from, until, new HashMap<>()))
                .orElse(List.of());
    }

    /** A user's stretches in [from, until) over all rotations, by start. */
    @Transactional(readOnly = true)
    public List<OnCallShift> shiftsOfUser(UUID userId, Instant from, Instant until) {
        Map<UUID, String> names = new HashMap<>();
        List<OnCallShift> result = new ArrayList<>();
        for (RotationView r : rotations.list(null, null)) {
            shifts(r, from, until, names).stream()
                    .filter(s -> s.userId().equals(userId))
                    .forEach(result::add);
        }
        result.sort(Comparator.comparing(OnCallShift::from).thenComparing(OnCallShift::rotationName));
        return result;
    }

    @Transactional(readOnly = true)
    public Optional<RotationView> find(UUID id) {
        return rotations.find(id);
    }

    @Transactional(readOnly = true)
    public List<RotationView> rotations(UUID teamId, String role) {
        return rotations.list(teamId, role);
    }

    private Optional<OnCallShift> current(RotationView r, Instant at, Map<UUID, String> names) {
        return schedules.of(r, at).stretchAt(at).map(s -> view(r, s, names));
    }

    private List<OnCallShift> shifts(RotationView r, Instant from, Instant until, Map<UUID, String> names) {
        return schedules.of(r, from).overlapping(from, until).stream()
                .map(s -> view(r, s, names))
                .toList();
    }

    private OnCallShift view(RotationView r, Stretch s, Map<UUID, String> names) {
        String userName = names.computeIfAbsent(
                s.userId(), id -> users.find(id).map(UserView::name).orElse("(deleted user)"));
        return new OnCallShift(
                r.id(), r.name(), r.teamId(), r.role(), s.userId(), userName, s.from(), s.until(), s.source());
    }
}
