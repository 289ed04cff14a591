package dev.klaxon.intake.internal;

import dev.klaxon.common.InvalidInputException.FieldError;
import dev.klaxon.intake.internal.AlertmanagerValidation.AmAlert;
import dev.klaxon.intake.internal.IntakeMetrics.Outcome;
import dev.klaxon.services.IntegrationType;
import dev.klaxon.services.IntegrationView;
import dev.klaxon.services.Integrations;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * The Alertmanager webhook (payload version 4): every alert of a notification is one event keyed by its
 * fingerprint. Errors are RFC 9457 problem details (this endpoint is Klaxon's own). The integration key is
 * part of the URL and is never logged.
 */
@Component
public class AlertmanagerIntake {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerIntake.class);
    private static final String ENDPOINT = IntakeMetrics.ALERTMANAGER;

    /** Problem details name the endpoint, never the request URI: it holds the integration key. */
    private static final URI INSTANCE = URI.create("/api/v1/integrations/alertmanager");

    private final Integrations integrations;
    private final RateLimits rateLimits;
    private final IngestPipeline pipeline;
    private final IntakeMetrics metrics;
    private final IntakeProperties properties;
    private final Clock clock;
    private final ObjectMapper json;
    private final ObjectReader treeReader;

    AlertmanagerIntake(
            Integrations integrations,
            RateLimits rateLimits,
            IngestPipeline pipeline,
            IntakeMetrics metrics,
            IntakeProperties properties,
            Clock clock,
            ObjectMapper json) {
        this.integrations = integrations;
        this.rateLimits = rateLimits;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
        this.treeReader = json.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Reads, validates and submits one notification on the calling thread. The answer completes once every alert
     * of it is committed (at once when the notification is refused), and always within the submit timeout.
     */
    public CompletableFuture<IntakeResponse> receive(
            String key, String contentType, long contentLength, InputStream body) {
        Timer.Sample sample = Timer.start();
        Checked checked = check(key, contentType, contentLength, body);
        var answer = checked.refusal() != null
                ? CompletableFuture.completedFuture(checked.refusal())
                : submit(checked.integration(), checked.alerts());
        return answer.whenComplete((response, failure) -> sample.stop(metrics.latency(ENDPOINT)));
    }

    /** A notification that may be submitted ({@code refusal} null), or the answer that refuses it. */
    private record Checked(IntegrationView integration, List<AmAlert> alerts, IntakeResponse refusal) {

        static Checked refused(IntakeResponse refusal) {
            return new Checked(null, null, refusal);
        }
    }

    private Checked check(String key, String contentType, long contentLength, InputStream body) {
        var found = integrations.findByKey(key);
        if (found.isEmpty() || found.get().type() != IntegrationType.ALERTMANAGER) {
            metrics.count(ENDPOINT, "unknown", Outcome.UNKNOWN_KEY, 1);
            return Checked.refused(problem(
                    HttpStatus.NOT_FOUND,
                    "Unknown integration key",
                    "No Alertmanager integration has this key. Check the webhook URL in the Alertmanager"
                            + " configuration."));
        }
        IntegrationView integration = found.get();
        if (!integration.enabled()) {
            metrics.count(ENDPOINT, "unknown", Outcome.DISABLED, 1);
            return Checked.refused(problem(
                    HttpStatus.FORBIDDEN, "Integration disabled", "This Alertmanager integration is disabled."));
        }
        String contentTypeError = EventsV2Intake.checkContentType(contentType);
        if (contentTypeError != null) {
            return Checked.refused(invalid(List.of(new FieldError("Content-Type", contentTypeError))));
        }
        byte[] bytes;
        try {
            bytes = RawBody.read(body, contentLength, properties.maxWebhookBodyBytes());
        } catch (IOException e) {
            return Checked.refused(invalid(List.of(new FieldError("body", "could not be read"))));
        }
        if (bytes == null) {
            metrics.count(ENDPOINT, "unknown", Outcome.TOO_LARGE, 1);
            var tooLarge = problem(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "Payload too large",
                    "The notification is larger than " + properties.maxWebhookBodyBytes()
                            + " bytes; lower max_alerts in the webhook configuration.");
            return Checked.refused(new IntakeResponse(tooLarge.status(), tooLarge.body(), true));
        }
        String text = RawBody.utf8(bytes);
        if (text == null) {
            return Checked.refused(invalid(List.of(new FieldError("body", "is not valid UTF-8"))));
        }
        JsonNode root;
        try {
            root = treeReader.readTree(text);
            if (root == null || root.isMissingNode()) {
                return Checked.refused(invalid(List.of(new FieldError("body", "is empty"))));
            }
        } catch (JacksonException e) {
            return Checked.refused(
                    invalid(List.of(new FieldError("body", "is not valid JSON: " + e.getOriginalMessage()))));
        }
        var result = AlertmanagerValidation.validate(root);
        if (!result.valid()) {
            return Checked.refused(invalid(result.errors()));
        }
        // One token per notification, not per alert: a large group must not lock itself out.
        if (!rateLimits.tryAcquire(integration.id(), integration.rateLimitPerMinute())) {
            metrics.count(ENDPOINT, "unknown", Outcome.THROTTLED, 1);
            return Checked.refused(problem(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many requests",
                    "Requests for this integration are arriving too quickly. Please retry later."));
        }
        return new Checked(integration, result.alerts(), null);
    }

    /** Queues every alert; the answer is the 200 once all committed, else the error to give. */
    private CompletableFuture<IntakeResponse> submit(IntegrationView integration, List<AmAlert> alerts) {
        Instant now = clock.instant();
        List<CompletableFuture<Applied>> pending = new ArrayList<>();
        int firing = 0;
        try {
            for (AmAlert alert : alerts) {
                pending.add(pipeline.submit(event(integration, alert, now)));
                if (alert.firing()) {
                    firing++;
                }
            }
        } catch (IngestPipeline.Overloaded e) {
            // Alerts queued before the refusal are still written; Alertmanager's retry repeats them.
            metrics.count(ENDPOINT, "unknown", Outcome.THROTTLED, 1);
            return CompletableFuture.completedFuture(
                    problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", "Intake is overloaded; retry later."));
        }
        int triggers = firing;
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .orTimeout(properties.submitTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((committed, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        if (cause instanceof TimeoutException) {
                            return error("Storing the alerts took too long; retry.");
                        }
                        log.warn("Storing Alertmanager alerts failed: {}", cause.toString());
                        return error("Storing the alerts failed; retry.");
                    }
                    metrics.count(ENDPOINT, "trigger", Outcome.ACCEPTED, triggers);
                    metrics.count(ENDPOINT, "resolve", Outcome.ACCEPTED, alerts.size() - triggers);
                    var answer = new LinkedHashMap<String, Object>();
                    answer.put("status", "success");
                    answer.put("processed", alerts.size());
                    return IntakeResponse.of(200, answer);
                });
    }

    private AlertEvent event(IntegrationView integration, AmAlert alert, Instant now) {
        String links = alert.generatorUrl() == null || alert.generatorUrl().isBlank()
                ? null
                : json.writeValueAsString(List.of(Map.of("href", alert.generatorUrl(), "text", "Source")));
        String details = alert.annotations().isEmpty() ? null : json.writeValueAsString(alert.annotations());
        return new AlertEvent(
                alert.firing() ? AlertAction.TRIGGER : AlertAction.RESOLVE,
                integration.id(),
                integration.name(),
                integration.serviceId(),
                alert.fingerprint(),
                alert.summary(),
                alert.source(),
                alert.severity(),
                null,
                null,
                alert.alertname(),
                details,
                links,
                null,
                json.writeValueAsString(alert.labels()),
                alert.startsAt(),
                now);
    }

    private IntakeResponse invalid(List<FieldError> errors) {
        metrics.count(ENDPOINT, "unknown", Outcome.INVALID, 1);
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                errors.stream()
                        .map(e -> e.field() + ": " + e.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("The notification is invalid"));
        problem.setTitle("Invalid input");
        problem.setInstance(INSTANCE);
        problem.setProperty(
                "errors",
                errors.stream()
                        .map(e -> Map.of("field", e.field(), "message", e.message()))
                        .toList());
        return IntakeResponse.of(400, problem);
    }

    private IntakeResponse error(String detail) {
        metrics.count(ENDPOINT, "unknown", Outcome.ERROR, 1);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Intake unavailable", detail);
    }

    private static IntakeResponse problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(INSTANCE);
        return IntakeResponse.of(status.value(), problem);
    }
}
