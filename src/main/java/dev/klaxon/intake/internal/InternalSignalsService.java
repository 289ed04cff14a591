package dev.klaxon.intake.internal;

import dev.klaxon.intake.InternalSignals;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/** Runs internal signals through the same group-commit pipeline as events from outside. */
@Service
class InternalSignalsService implements InternalSignals {

    private final IngestPipeline pipeline;
    private final AlertStore alerts;
    private final IntakeProperties properties;
    private final Clock clock;
    private final ObjectMapper json;

    InternalSignalsService(
            IngestPipeline pipeline, AlertStore alerts, IntakeProperties properties, Clock clock, ObjectMapper json) {
        this.pipeline = pipeline;
        this.alerts = alerts;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public Optional<UUID> trigger(Signal signal) {
        String labels =
                signal.fields() == null || signal.fields().isEmpty() ? null : json.writeValueAsString(signal.fields());
        submit(event(
                AlertAction.TRIGGER,
                signal.senderName(),
                signal.serviceId(),
                signal.dedupKey(),
                signal.summary(),
                signal.source(),
                signal.severity(),
                labels,
                signal.priority(),
                signal.priorityReason()));
        return alerts.findOpen(signal.serviceId(), signal.dedupKey()).map(AlertStore.OpenAlert::incidentId);
    }

    @Override
    public void resolve(UUID serviceId, String dedupKey, String senderName) {
        submit(event(AlertAction.RESOLVE, senderName, serviceId, dedupKey, null, null, null, null, null, null));
    }

    /** An event without an integration: internal signals carry no links, images or sender timestamp. */
    private AlertEvent event(
            AlertAction action,
            String senderName,
            UUID serviceId,
            String dedupKey,
            String summary,
            String source,
            String severity,
            String labelsJson,
            String priority,
            String priorityReason) {
        return new AlertEvent(
                action,
                null,
                senderName,
                serviceId,
                dedupKey,
                summary,
                source,
                severity,
                null,
                null,
                null,
                null,
                null,
                null,
                labelsJson,
                null,
                clock.instant(),
                priority,
                priorityReason);
    }

    private void submit(AlertEvent event) {
        try {
            pipeline.submit(event).get(properties.submitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing an internal signal", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Writing an internal signal failed: " + event.dedupKey(), e);
        }
    }
}
