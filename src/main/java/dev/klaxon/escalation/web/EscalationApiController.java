package dev.klaxon.escalation.web;

import dev.klaxon.common.NotFoundException;
import dev.klaxon.escalation.EscalationLevel;
import dev.klaxon.escalation.EscalationPolicies;
import dev.klaxon.escalation.EscalationPolicy;
import dev.klaxon.escalation.EscalationPolicySpec;
import dev.klaxon.escalation.EscalationTarget;
import dev.klaxon.escalation.EscalationView;
import dev.klaxon.escalation.Escalations;
import dev.klaxon.identity.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Escalation policies over REST, and where an incident's escalation stands. */
@RestController
@RequestMapping("/api/v1")
class EscalationApiController {

    private final EscalationPolicies policies;
    private final Escalations escalations;

    EscalationApiController(EscalationPolicies policies, Escalations escalations) {
        this.policies = policies;
        this.escalations = escalations;
    }

    /** {@code type} is user, rotation or role; user and rotation take {@code id}, role takes {@code role} and an optional {@code teamId}. */
    record TargetBody(String type, UUID id, UUID teamId, String role) {}

    record LevelBody(Duration timeout, List<TargetBody> targets) {}

    record PolicyBody(
            UUID teamId,
            String name,
            String description,
            Integer repeat,
            Duration renotifyAfterAck,
            List<LevelBody> levels) {}

    record TargetResponse(String type, UUID id, UUID teamId, String role) {}

    record LevelResponse(String timeout, List<TargetResponse> targets) {}

    record PolicyResponse(
            UUID id,
            UUID teamId,
            String name,
            String description,
            int repeat,
            String renotifyAfterAck,
            List<LevelResponse> levels,
            boolean isDefault,
            Instant createdAt,
            Instant updatedAt) {}

    @PostMapping("/escalation-policies")
    @ResponseStatus(HttpStatus.CREATED)
    PolicyResponse create(@RequestBody PolicyBody body, Caller caller) {
        return response(policies.create(spec(body), caller));
    }

    @GetMapping("/escalation-policies")
    List<PolicyResponse> list() {
        return policies.list().stream().map(EscalationApiController::response).toList();
    }

    @GetMapping("/escalation-policies/{id}")
    PolicyResponse get(@PathVariable UUID id) {
        return response(policies.get(id));
    }

    @PutMapping("/escalation-policies/{id}")
    PolicyResponse replace(@PathVariable UUID id, @RequestBody PolicyBody body, Caller caller) {
        return response(policies.replace(id, spec(body), caller));
    }

    @DeleteMapping("/escalation-policies/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Caller caller) {
        policies.delete(id, caller);
    }

    @GetMapping("/incidents/{id}/escalation")
    EscalationView escalation(@PathVariable UUID id) {
        return escalations.find(id).orElseThrow(() -> new NotFoundException("Escalation of incident", id));
    }

    /** Unknown target types become a null type, which the policy validation reports with the others. */
    static EscalationPolicySpec spec(PolicyBody body) {
        List<EscalationLevel> levels = body.levels() == null
                ? null
                : body.levels().stream()
                        .map(level -> level == null
                                ? new EscalationLevel(null, List.of())
                                : new EscalationLevel(
                                        level.timeout(),
                                        level.targets() == null
                                                ? List.of()
                                                : level.targets().stream()
                                                        .map(t -> t == null
                                                                ? new EscalationTarget(null, null, null, null)
                                                                : new EscalationTarget(
                                                                        type(t.type()), t.id(), t.teamId(), t.role()))
                                                        .toList()))
                        .toList();
        return new EscalationPolicySpec(
                body.teamId(), body.name(), body.description(), body.repeat(), body.renotifyAfterAck(), levels);
    }

    private static EscalationTarget.Type type(String wire) {
        if (wire == null) {
            return null;
        }
        try {
            return EscalationTarget.Type.valueOf(wire.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static PolicyResponse response(EscalationPolicy policy) {
        return new PolicyResponse(
                policy.id(),
                policy.teamId(),
                policy.name(),
                policy.description(),
                policy.repeat(),
                policy.renotifyAfterAck() == null
                        ? null
                        : policy.renotifyAfterAck().toString(),
                policy.levels().stream()
                        .map(level -> new LevelResponse(
                                level.timeout().toString(),
                                level.targets().stream()
                                        .map(t -> new TargetResponse(
                                                t.type().name().toLowerCase(Locale.ROOT), t.id(), t.teamId(), t.role()))
                                        .toList()))
                        .toList(),
                policy.defaultPolicy(),
                policy.createdAt(),
                policy.updatedAt());
    }
}
