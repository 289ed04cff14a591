package dev.klaxon.classification.internal;

import dev.klaxon.classification.ClassificationDefaults;
import java.time.Clock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/** First start: version 1 is the default definition. Safe when several instances start at once. */
@Component
class DefaultClassification implements ApplicationRunner {

    private final ClassificationStore store;
    private final Clock clock;

    DefaultClassification(ClassificationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (store.latest().isPresent()) {
            return;
        }
        try {
            store.insert(1, ClassificationDefaults.definition(), clock.instant(), "Klaxon");
        } catch (DuplicateKeyException e) {
            // another instance wrote the defaults first
        }
    }
}
