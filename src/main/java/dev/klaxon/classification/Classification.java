package dev.klaxon.classification;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.klaxon.classification.internal.ClassificationStore;
import dev.klaxon.common.Actor;
import dev.klaxon.common.ConflictException;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/** The organisation's classification definition: read the current or an older version, replace it whole. */
@Service
public class Classification {

    /**
     * Every new incident and every new alert reads the definition, so it is cached: versions never change, and
     * the number of the current one is re-read after a local change at once and after a change on another
     * instance within this time.
     */
    static final Duration CURRENT_TTL = Duration.ofSeconds(5);

    private final ClassificationStore store;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Cache<Integer, ClassificationVersion> versions =
            Caffeine.newBuilder().maximumSize(100).build();
    private final Cache<String, ClassificationVersion> latest =
            Caffeine.newBuilder().expireAfterWrite(CURRENT_TTL).build();

    Classification(ClassificationStore store, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.clock = clock;
        this.events = events;
    }

    /** The definition in force now (version 1 holds the defaults written on first start). */
    public ClassificationVersion current() {
        return latest.get("current", k -> {
            var current =
                    store.latest().orElseThrow(() -> new IllegalStateException("No classification definition stored"));
            versions.put(current.version(), current);
            return current;
        });
    }

    public ClassificationVersion version(int version) {
        return versions.get(
                version, v -> store.find(v).orElseThrow(() -> new NotFoundException("Classification version", v)));
    }

    /** After the commit, so that no other thread caches the old version as current in between. */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(ClassificationChanged event) {
        latest.invalidateAll();
    }

    @Transactional(readOnly = true)
    public List<ClassificationVersion> history() {
        return store.history(100);
    }

    /**
     * Validates the whole definition and stores it as the next version, or changes nothing and lists every
     * problem.
     *
     * @param expectedVersion the version the caller edited; null to skip the check. A different current
     *     version means someone else changed the definition meanwhile: 409 instead of overwriting their change
     */
    @Transactional
    public ClassificationVersion replace(ClassificationDefinition definition, Integer expectedVersion, Caller caller) {
        caller.require(Permission.CLASSIFICATION_MANAGE);
        Actor by = caller.actor();
        var problems = ClassificationValidator.validate(definition);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int current = store.latest().map(ClassificationVersion::version).orElse(0);
        if (expectedVersion != null && expectedVersion != current) {
            throw new ConflictException("The classification was changed meanwhile: you edited version "
                    + expectedVersion + ", the current one is " + current + ". Reload and apply your change again.");
        }
        var next = new ClassificationVersion(current + 1, definition, clock.instant(), by.name());
        try {
            store.insert(next.version(), definition, next.createdAt(), next.createdBy());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The classification was changed at the same moment by someone else; try again");
        }
        events.publishEvent(new ClassificationChanged(next.version()));
        return next;
    }
}
