package dev.klaxon.intake.internal;

import dev.klaxon.common.Ids;
import dev.klaxon.intake.internal.EventsV2Validation.AlertFields;
import dev.klaxon.intake.internal.EventsV2Validation.ChangeFields;
import dev.klaxon.intake.internal.IntakeMetrics.Outcome;
import dev.klaxon.services.IntegrationType;
import dev.klaxon.services.IntegrationView;
import dev.klaxon.services.Integrations;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * The PagerDuty Events API v2 endpoints: reads, validates and routes one event on the request thread and submits
 * it to the group-commit pipeline; the answer completes when the event is committed (at once when it is refused),
 * and always within the submit timeout. Every answer has PagerDuty's shape.
 */
@Component
public class EventsV2Intake {

    private static final Logger log = LoggerFactory.getLogger(EventsV2Intake.class);

    private final Integrations integrations;
    private final RateLimits rateLimits;
    private final IngestPipeline pipeline;
    private final IntakeMetrics metrics;
    private final IntakeProperties properties;
    private final Clock clock;
    private final ObjectMapper json;
    private final ObjectReader treeReader;

    EventsV2Intake(
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

    public CompletableFuture<IntakeResponse> enqueue(String contentType, long contentLength, InputStream body) {
        Timer.Sample sample = Timer.start();
        return enqueueTimed(contentType, contentLength, body)
                .whenComplete((answer, failure) -> sample.stop(metrics.latency(IntakeMetrics.EVENTS_V2)));
    }

    public CompletableFuture<IntakeResponse> changeEnqueue(String contentType, long contentLength, InputStream body) {
        Timer.Sample sample = Timer.start();
        return changeTimed(contentType, contentLength, body)
                .whenComplete((answer, failure) -> sample.stop(metrics.latency(IntakeMetrics.CHANGE)));
    }

    private CompletableFuture<IntakeResponse> enqueueTimed(String contentType, long contentLength, InputStream body) {
        String endpoint = IntakeMetrics.EVENTS_V2;
        Parsed parsed = parse(endpoint, contentType, contentLength, body);
        if (parsed.failure != null) {
            return CompletableFuture.completedFuture(parsed.failure);
        }
        var result = EventsV2Validation.alert(
                parsed.root, () -> UUID.randomUUID().toString().replace("-", ""));
        String action = result.action() == null ? "unknown" : result.action().wireName();
        if (!result.valid()) {
            return CompletableFuture.completedFuture(invalid(endpoint, action, Outcome.INVALID, result.errors()));
        }
        AlertFields f = result.fields();
        Routed routed = route(endpoint, action, f.routingKey());
        if (routed.failure != null) {
            return CompletableFuture.completedFuture(routed.failure);
        }
        IntegrationView integration = routed.integration;
        var event = new AlertEvent(
                f.action(),
                integration.id(),
                integration.name(),
                integration.serviceId(),
                f.dedupKey(),
                f.summary(),
                f.source(),
                f.severity(),
                f.component(),
                f.group(),
                f.eventClass(),
                text(f.customDetails()),
                text(f.links()),
                text(f.images()),
                null,
                f.timestamp(),
                clock.instant());
        var answer = new LinkedHashMap<String, Object>();
        answer.put("status", "success");
        answer.put("message", "Event processed");
        answer.put("dedup_key", f.dedupKey());
        return commit(endpoint, action, event, IntakeResponse.of(202, answer));
    }

    private CompletableFuture<IntakeResponse> changeTimed(String contentType, long contentLength, InputStream body) {
        String endpoint = IntakeMetrics.CHANGE;
        String action = "change";
        Parsed parsed = parse(endpoint, contentType, contentLength, body);
        if (parsed.failure != null) {
            return CompletableFuture.completedFuture(parsed.failure);
        }
        var result = EventsV2Validation.change(parsed.root);
        if (!result.valid()) {
            return CompletableFuture.completedFuture(invalid(endpoint, action, Outcome.INVALID, result.errors()));
        }
        ChangeFields f = result.fields();
        Routed routed = route(endpoint, action, f.routingKey());
        if (routed.failure != null) {
            return CompletableFuture.completedFuture(routed.failure);
        }
        var event = new ChangeEvent(
                Ids.timeOrdered(),
                routed.integration.id(),
                routed.integration.serviceId(),
                f.summary(),
                f.source(),
                f.timestamp(),
                text(f.customDetails()),
                text(f.links()),
                clock.instant());
        return commit(
                endpoint,
                action,
                event,
                IntakeResponse.of(202, Map.of("status", "success", "message", "Change event processed")));
    }

    private record Parsed(JsonNode root, IntakeResponse failure) {}

    private Parsed parse(String endpoint, String contentType, long contentLength, InputStream body) {
        String contentTypeError = checkContentType(contentType);
        if (contentTypeError != null) {
            return new Parsed(null, invalid(endpoint, "unknown", Outcome.INVALID, List.of(contentTypeError)));
        }
        byte[] bytes;
        try {
            bytes = RawBody.read(body, contentLength, properties.maxBodyBytes());
        } catch (IOException e) {
            return new Parsed(
                    null, invalid(endpoint, "unknown", Outcome.INVALID, List.of("The request body could not be read")));
        }
        if (bytes == null) {
            metrics.count(endpoint, "unknown", Outcome.TOO_LARGE, 1);
            return new Parsed(
                    null,
                    new IntakeResponse(
                            400,
                            invalidBody(List.of(
                                    "Event is too large (the limit is " + properties.maxBodyBytes() + " bytes)")),
                            true));
        }
        String text = RawBody.utf8(bytes);
        if (text == null) {
            return new Parsed(
                    null, invalid(endpoint, "unknown", Outcome.INVALID, List.of("Event body is not valid UTF-8")));
        }
        try {
            JsonNode root = treeReader.readTree(text);
            if (root == null || root.isMissingNode()) {
                return new Parsed(
                        null,
                        invalid(
                                endpoint,
                                "unknown",
                                Outcome.INVALID,
                                List.of("Event body is not valid JSON: the body is empty")));
            }
            return new Parsed(root, null);
        } catch (JacksonException e) {
            return new Parsed(
                    null,
                    invalid(
                            endpoint,
                            "unknown",
                            Outcome.INVALID,
                            List.of("Event body is not valid JSON: " + e.getOriginalMessage())));
        }
    }

    /** JSON is required; a charset, when given, must be UTF-8. A missing Content-Type is tolerated. */
    static String checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            boolean json = MediaType.APPLICATION_JSON.includes(type)
                    || ("application".equals(type.getType())
                            && type.getSubtype().endsWith("+json"));
            if (!json) {
                return "Content-Type must be application/json";
            }
            if (type.getCharset() != null
                    && !"UTF-8".equalsIgnoreCase(type.getCharset().name())) {
                return "Content-Type charset must be UTF-8";
            }
            return null;
        } catch (RuntimeException e) {
            return "Content-Type must be application/json";
        }
    }

    private record Routed(IntegrationView integration, IntakeResponse failure) {}

    private Routed route(String endpoint, String action, String routingKey) {
        var found = integrations.findByKey(routingKey);
        if (found.isEmpty()) {
            return new Routed(
                    null,
                    invalid(
                            endpoint,
                            action,
                            Outcome.UNKNOWN_KEY,
                            List.of("Invalid routing key: 'routing_key' is not the key of any integration")));
        }
        IntegrationView integration = found.get();
        if (integration.type() != IntegrationType.EVENTS_V2) {
            return new Routed(
                    null,
                    invalid(
                            endpoint,
                            action,
                            Outcome.UNKNOWN_KEY,
                            List.of("'routing_key' belongs to an Alertmanager webhook integration: post Alertmanager"
                                    + " notifications to its URL, or create an Events API v2 integration")));
        }
        if (!integration.enabled()) {
            return new Routed(
                    null,
                    invalid(
                            endpoint,
                            action,
                            Outcome.DISABLED,
                            List.of("The integration of this 'routing_key' is disabled")));
        }
        if (!rateLimits.tryAcquire(integration.id(), integration.rateLimitPerMinute())) {
            metrics.count(endpoint, action, Outcome.THROTTLED, 1);
            return new Routed(null, throttled());
        }
        return new Routed(integration, null);
    }

    /** Submits; the answer is {@code accepted} once the command committed, else the error to give. */
    private CompletableFuture<IntakeResponse> commit(
            String endpoint, String action, IntakeCommand command, IntakeResponse accepted) {
        CompletableFuture<Applied> done;
        try {
            done = pipeline.submit(command);
        } catch (IngestPipeline.Overloaded e) {
            metrics.count(endpoint, action, Outcome.THROTTLED, 1);
            return CompletableFuture.completedFuture(throttled());
        }
        return done.orTimeout(properties.submitTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((applied, failure) -> {
                    if (failure == null) {
                        metrics.count(endpoint, action, Outcome.ACCEPTED, 1);
                        return accepted;
                    }
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException) {
                        return error(endpoint, action, "Storing the event took too long; please retry");
                    }
                    if (cause instanceof IngestPipeline.Overloaded) {
                        metrics.count(endpoint, action, Outcome.THROTTLED, 1);
                        return throttled();
                    }
                    log.warn("Storing an {} event failed: {}", endpoint, cause.toString());
                    return error(endpoint, action, "Storing the event failed; please retry");
                });
    }

    private IntakeResponse invalid(String endpoint, String action, Outcome outcome, List<String> errors) {
        metrics.count(endpoint, action, outcome, 1);
        return IntakeResponse.of(400, invalidBody(errors));
    }

    private static Map<String, Object> invalidBody(List<String> errors) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("status", "invalid event");
        answer.put("message", "Event object is invalid");
        answer.put("errors", errors);
        return answer;
    }

    static IntakeResponse throttled() {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("status", "throttle event");
        answer.put("message", "Requests for this integration are arriving too quickly. Please retry later.");
        return IntakeResponse.of(429, answer);
    }

    private IntakeResponse error(String endpoint, String action, String message) {
        metrics.count(endpoint, action, Outcome.ERROR, 1);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("status", "error");
        answer.put("message", message);
        return IntakeResponse.of(503, answer);
    }

    private String text(JsonNode node) {
        return node == null ? null : json.writeValueAsString(node);
    }
}
