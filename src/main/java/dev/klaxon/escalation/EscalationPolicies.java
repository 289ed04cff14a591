package dev.klaxon.escalation;

import dev.klaxon.common.ConflictException;
import dev.klaxon.common.Ids;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.escalation.internal.PolicyStore;
import dev.klaxon.escalation.internal.Responders;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.Teams;
import dev.klaxon.identity.Users;
import dev.klaxon.services.EscalationPolicyDirectory;
import dev.klaxon.services.ServiceView;
import dev.klaxon.services.Services;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, changing and reading escalation policies. A policy is validated as a whole, every problem listed. */
@Service
public class EscalationPolicies implements EscalationPolicyDirectory {

    public static final int MAX_LEVELS = 10;
    public static final int MAX_TARGETS_PER_LEVEL = 10;
    public static final int MAX_REPEAT = 9;
    static final Duration MIN_TIMEOUT = Duration.ofMinutes(1);
    static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    private final PolicyStore store;
    private final Users users;
    private final Teams teams;
    private final Responders responders;
    private final Services services;
    private final Clock clock;

    EscalationPolicies(
            PolicyStore store, Users users, Teams teams, Responders responders, Services services, Clock clock) {
        this.store = store;
        this.users = users;
        this.teams = teams;
        this.responders = responders;
        this.services = services;
        this.clock = clock;
    }

    @Transactional
    public EscalationPolicy create(EscalationPolicySpec spec, Caller by) {
        requireOwnerTeam(spec.teamId(), by);
        UUID id = Ids.timeOrdered();
        validate(spec, id);
        Instant now = clock.instant();
        var policy = toPolicy(id, spec, false, now, now);
        try {
            store.insert(policy);
        } catch (DuplicateKeyException e) {
            throw nameTaken(policy.name());
        }
        return policy;
    }

    @Transactional
    public EscalationPolicy replace(UUID id, EscalationPolicySpec spec, Caller by) {
        var current = get(id);
        by.require(Permission.ESCALATION_MANAGE, current.teamId());
        if (!java.util.Objects.equals(spec.teamId(), current.teamId())) {
            if (current.defaultPolicy()) {
                throw InvalidInputException.of("teamId", "the default policy belongs to the whole organisation");
            }
            requireOwnerTeam(spec.teamId(), by);
            // A service may only use its own team's policies (or organisation-wide ones): moving a policy away from
            // the team of a service that uses it would let another team decide who gets paged for that service.
            List<String> strangers = spec.teamId() == null
                    ? List.of()
                    : services.usingPolicy(id).stream()
                            .filter(service -> !service.teamId().equals(spec.teamId()))
                            .map(ServiceView::name)
                            .toList();
            if (!strangers.isEmpty()) {
                throw new ConflictException("Policy '" + current.name() + "' is used by " + strangers
                        + " of another team; give those services another policy before moving it");
            }
        }
        validate(spec, id);
        var policy = toPolicy(id, spec, current.defaultPolicy(), current.createdAt(), clock.instant());
        try {
            store.replace(policy);
        } catch (DuplicateKeyException e) {
            throw nameTaken(policy.name());
        }
        return policy;
    }

    /** A policy a service uses, or the default policy, cannot be deleted. */
    @Transactional
    public void delete(UUID id, Caller by) {
        var policy = get(id);
        by.require(Permission.ESCALATION_MANAGE, policy.teamId());
        if (policy.defaultPolicy()) {
            throw new ConflictException("The default policy cannot be deleted; change it instead");
        }
        List<ServiceView> users = services.usingPolicy(id);
        if (!users.isEmpty()) {
            throw new ConflictException("Policy '" + policy.name() + "' is used by "
                    + users.stream().map(ServiceView::name).toList() + "; give those services another policy first");
        }
        store.delete(id);
    }

    @Transactional(readOnly = true)
    public EscalationPolicy get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Escalation policy", id));
    }

    @Transactional(readOnly = true)
    public List<EscalationPolicy> list() {
        return store.list();
    }

    @Transactional(readOnly = true)
    public EscalationPolicy defaultPolicy() {
        return get(PolicyStore.DEFAULT_POLICY_ID);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean exists(UUID policyId) {
        return store.find(policyId).isPresent();
    }

    /**
     * Which policies a service of this team may use: organisation-wide ones and the team's own, never another
     * team's (whose managers could change who gets paged for it).
     */
    @Override
    @Transactional(readOnly = true)
    public boolean usableByTeam(UUID policyId, UUID serviceTeamId) {
        return store.find(policyId)
                .map(p -> p.teamId() == null || p.teamId().equals(serviceTeamId))
                .orElse(false);
    }

    /** A team's managers make policies for their team; organisation-wide ones (no team) are the administrators'. */
    private void requireOwnerTeam(UUID teamId, Caller by) {
        if (teamId != null && teams.find(teamId).isEmpty()) {
            throw InvalidInputException.of("teamId", "team " + teamId + " does not exist");
        }
        by.require(Permission.ESCALATION_MANAGE, teamId);
    }

    private static EscalationPolicy toPolicy(
            UUID id, EscalationPolicySpec spec, boolean defaultPolicy, Instant createdAt, Instant updatedAt) {
        List<EscalationLevel> levels = spec.levels().stream()
                .map(level -> new EscalationLevel(
                        level.timeout(),
                        level.targets().stream()
                                .map(t -> t.type() == EscalationTarget.Type.ROLE
                                        ? EscalationTarget.role(
                                                t.teamId(), t.role().strip())
                                        : new EscalationTarget(t.type(), t.id(), null, null))
                                .toList()))
                .toList();
        return new EscalationPolicy(
                id,
                spec.teamId(),
                spec.name().strip(),
                blankToNull(spec.description()),
                spec.repeat() == null ? 0 : spec.repeat(),
                spec.renotifyAfterAck(),
                levels,
                defaultPolicy,
                createdAt,
                updatedAt);
    }

    private void validate(EscalationPolicySpec spec, UUID id) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (spec.name() == null || spec.name().isBlank()) {
            errors.add(error("name", "must not be blank"));
        } else if (spec.name().strip().length() > 100) {
            errors.add(error("name", "must be at most 100 characters"));
        } else if (store.nameTaken(spec.name().strip(), id)) {
            errors.add(error("name", "another policy is named '" + spec.name().strip() + "'"));
        }
        if (spec.description() != null && spec.description().length() > 2000) {
            errors.add(error("description", "must be at most 2000 characters"));
        }
        if (spec.repeat() != null && (spec.repeat() < 0 || spec.repeat() > MAX_REPEAT)) {
            errors.add(error("repeat", "must be between 0 and " + MAX_REPEAT));
        }
        if (spec.renotifyAfterAck() != null && !withinTimeoutBounds(spec.renotifyAfterAck())) {
            errors.add(error("renotifyAfterAck", "must be between 1 minute and 24 hours"));
        }
        if (spec.levels() == null || spec.levels().isEmpty()) {
            errors.add(error("levels", "a policy needs at least one level"));
        } else if (spec.levels().size() > MAX_LEVELS) {
            errors.add(error("levels", "at most " + MAX_LEVELS + " levels"));
        } else {
            for (int l = 0; l < spec.levels().size(); l++) {
                validateLevel(spec.levels().get(l), "levels[" + l + "]", errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private void validateLevel(EscalationLevel level, String path, List<InvalidInputException.FieldError> errors) {
        if (level == null) {
            errors.add(error(path, "must not be null"));
            return;
        }
        if (level.timeout() == null) {
            errors.add(error(path + ".timeout", "is required (an ISO-8601 duration such as PT5M)"));
        } else if (!withinTimeoutBounds(level.timeout())) {
            errors.add(error(path + ".timeout", "must be between 1 minute and 24 hours"));
        }
        if (level.targets().isEmpty()) {
            errors.add(error(path + ".targets", "a level needs at least one target"));
        } else if (level.targets().size() > MAX_TARGETS_PER_LEVEL) {
            errors.add(error(path + ".targets", "at most " + MAX_TARGETS_PER_LEVEL + " targets per level"));
        }
        for (int t = 0; t < level.targets().size(); t++) {
            validateTarget(level.targets().get(t), path + ".targets[" + t + "]", errors);
        }
    }

    private void validateTarget(EscalationTarget target, String path, List<InvalidInputException.FieldError> errors) {
        if (target == null || target.type() == null) {
            errors.add(error(path + ".type", "must be one of user, rotation, role"));
            return;
        }
        switch (target.type()) {
            case USER -> {
                if (target.id() == null) {
                    errors.add(error(path + ".id", "is required for a user target"));
                } else if (users.find(target.id()).isEmpty()) {
                    errors.add(error(path + ".id", "user " + target.id() + " does not exist"));
                }
            }
            case ROTATION -> {
                if (target.id() == null) {
                    errors.add(error(path + ".id", "is required for a rotation target"));
                } else if (!responders.rotationExists(target.id())) {
                    errors.add(error(path + ".id", "rotation " + target.id() + " does not exist"));
                }
            }
            case ROLE -> {
                if (target.role() == null || target.role().isBlank()) {
                    errors.add(error(path + ".role", "is required for a role target"));
                } else if (target.role().strip().length() > 100) {
                    errors.add(error(path + ".role", "must be at most 100 characters"));
                }
                if (target.teamId() != null && teams.find(target.teamId()).isEmpty()) {
                    errors.add(error(path + ".teamId", "team " + target.teamId() + " does not exist"));
                }
            }
        }
    }

    private static boolean withinTimeoutBounds(Duration duration) {
        return duration.compareTo(MIN_TIMEOUT) >= 0 && duration.compareTo(MAX_TIMEOUT) <= 0;
    }

    private static InvalidInputException.FieldError error(String field, String message) {
        return new InvalidInputException.FieldError(field, message);
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("Another policy is named '" + name + "'");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
