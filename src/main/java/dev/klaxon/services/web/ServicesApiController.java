package dev.klaxon.services.web;

import dev.klaxon.identity.Caller;
import dev.klaxon.services.CreatedIntegration;
import dev.klaxon.services.IntegrationType;
import dev.klaxon.services.IntegrationView;
import dev.klaxon.services.Integrations;
import dev.klaxon.services.ServiceView;
import dev.klaxon.services.Services;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class ServicesApiController {

    private final Services services;
    private final Integrations integrations;

    ServicesApiController(Services services, Integrations integrations) {
        this.services = services;
        this.integrations = integrations;
    }

    record NewService(
            @NotNull UUID teamId,
            @NotBlank @Size(max = 100) String name,
            @Size(max = 2000) String description,
            Boolean autoResolve,
            UUID escalationPolicyId) {}

    record ServiceChange(
            @Size(min = 1, max = 100) String name,
            @Size(max = 2000) String description,
            Boolean autoResolve,
            UUID escalationPolicyId) {}

    record NewIntegration(
            @NotNull IntegrationType type,
            @Size(max = 100) String name,
            @Min(1) Integer rateLimitPerMinute) {}

    record IntegrationChange(Boolean enabled, @Min(1) Integer rateLimitPerMinute, Boolean unlimited) {}

    @PostMapping("/services")
    @ResponseStatus(HttpStatus.CREATED)
    ServiceView create(@Valid @RequestBody NewService body, Caller caller) {
        return services.create(
                body.teamId(), body.name(), body.description(), body.autoResolve(), body.escalationPolicyId(), caller);
    }

    @GetMapping("/services")
    List<ServiceView> list(@RequestParam(required = false) UUID teamId) {
        return services.list(teamId);
    }

    @GetMapping("/services/{id}")
    ServiceView get(@PathVariable UUID id) {
        return services.get(id);
    }

    @PutMapping("/services/{id}")
    ServiceView update(@PathVariable UUID id, @Valid @RequestBody ServiceChange body, Caller caller) {
        return services.update(
                id, body.name(), body.description(), body.autoResolve(), body.escalationPolicyId(), caller);
    }

    @PostMapping("/services/{id}/integrations")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedIntegration createIntegration(
            @PathVariable UUID id, @Valid @RequestBody NewIntegration body, Caller caller) {
        return integrations.create(id, body.type(), body.name(), body.rateLimitPerMinute(), caller);
    }

    @GetMapping("/services/{id}/integrations")
    List<IntegrationView> integrations(@PathVariable UUID id) {
        services.get(id);
        return integrations.list(id);
    }

    /** Enable or disable an integration, or change its rate limit ({@code "unlimited": true} removes it). */
    @PatchMapping("/integrations/{id}")
    IntegrationView changeIntegration(
            @PathVariable UUID id, @Valid @RequestBody IntegrationChange body, Caller caller) {
        return integrations.change(
                id, body.enabled(), body.rateLimitPerMinute(), Boolean.TRUE.equals(body.unlimited()), caller);
    }
}
