package dev.klaxon.incidents.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** {@code klaxon.incidents.response.target.breaches}: incidents whose response target was missed. */
@Component
public class ResponseTargetMetrics {

    public static final String BREACHES = "klaxon.incidents.response.target.breaches";

    private final Counter breaches;

    ResponseTargetMetrics(MeterRegistry registry) {
        this.breaches = Counter.builder(BREACHES)
                .description("Incidents acknowledged (or still unacknowledged) after their severity's response target")
                .register(registry);
    }

    /** Counts one breach when the current transaction commits (a rolled-back detection counts nothing). */
    public void breached() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    breaches.increment();
                }
            });
        } else {
            breaches.increment();
        }
    }
}
