package dev.klaxon.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;

/**
 * Collects the event records the incidents module publishes, so tests can assert what other modules (on-call
 * paging, notification) will be told. Imported by {@link KlaxonIntegrationTest}, so every integration test
 * shares one application context; tests filter by their own incident ids.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RecordedEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(Object event) {
        if (event.getClass().isRecord() && event.getClass().getPackageName().equals("dev.klaxon.incidents")) {
            events.add(event);
        }
    }

    public <T> List<T> ofType(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
