package dev.klaxon.notify.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.incidents.IncidentTimeline;
import dev.klaxon.incidents.ResponseEvent;
import dev.klaxon.incidents.TimelineRecord;
import dev.klaxon.notify.ContactType;
import dev.klaxon.notify.spi.Channel;
import dev.klaxon.notify.spi.DeliveryFailure;
import dev.klaxon.notify.spi.OutgoingMessage;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what is due: claims a batch in a short transaction, sends each delivery on a small pool outside any
 * transaction, then records the batch's outcomes (and their timeline lines) in one transaction — one commit per
 * batch instead of one per delivery; should that transaction fail, each outcome is recorded on its own. A delivery whose
 * sender died mid-send goes back to PENDING when its lease runs out; that one window can repeat a delivery,
 * which is why every message carries a stable delivery id.
 */
@Component
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final DeliveryStore store;
    private final Map<ContactType, Channel> channels = new EnumMap<>(ContactType.class);
    private final MessageComposer composer;
    private final IncidentTimeline timeline;
    private final NotifyProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ExecutorService senders;

    Outbox(
            DeliveryStore store,
            List<Channel> channels,
            MessageComposer composer,
            IncidentTimeline timeline,
            NotifyProperties properties,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.store = store;
        channels.forEach(c -> this.channels.put(c.type(), c));
        this.composer = composer;
        this.timeline = timeline;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        var counter = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(properties.senders(), r -> {
            var thread = new Thread(r, "notify-sender-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sends every delivery that is due now; returns how many it handled (sent, failed, abandoned or cancelled). */
    public int sendDue() {
        int requeued = transaction.execute(status -> store.requeueExpired(clock.instant()));
        if (requeued > 0) {
            log.warn("{} deliveries were claimed by a sender that did not finish; they will be sent again", requeued);
        }
        int handled = 0;
        while (true) {
            String token = UUID.randomUUID().toString();
            Instant now = clock.instant();
            List<DeliveryStore.Claimed> batch = transaction.execute(
                    status -> store.claim(now, now.plus(properties.lease()), properties.batchSize(), token));
            if (batch == null || batch.isEmpty()) {
                return handled;
            }
            MessageComposer.Batch context;
            try {
                context = composer.read(batch);
            } catch (RuntimeException e) {
                log.error(
                        "Reading what {} deliveries need failed; their lease will make them due again",
                        batch.size(),
                        e);
                return handled;
            }
            List<Future<Outcome>> sends = new ArrayList<>();
            for (var delivery : batch) {
                sends.add(senders.submit(() -> deliver(delivery, context)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> send : sends) {
                try {
                    Outcome outcome = send.get();
                    if (outcome != null) {
                        outcomes.add(outcome);
                    }
                } catch (ExecutionException e) {
                    log.error("Sending a delivery failed unexpectedly; its lease will make it due again", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return handled;
                }
            }
            recordAll(outcomes, context);
            handled += batch.size();
            if (batch.size() < properties.batchSize()) {
                return handled;
            }
        }
    }

    /** What one send attempt came to, recorded with the rest of its batch. */
    private record Outcome(DeliveryStore.Claimed delivery, String error, Instant at) {}

    private void recordAll(List<Outcome> outcomes, MessageComposer.Batch context) {
        if (outcomes.isEmpty()) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> timeline.recordAll(recordTogether(outcomes, context)));
        } catch (RuntimeException e) {
            log.warn("Recording {} outcomes together failed; recording them one by one", outcomes.size(), e);
            for (Outcome outcome : outcomes) {
                try {
                    transaction.executeWithoutResult(
                            status -> record(outcome, context).ifPresent(timeline::record));
                } catch (RuntimeException single) {
                    log.error(
                            "Recording delivery {} failed; its lease will make it due again",
                            outcome.delivery().id(),
                            single);
                }
            }
        }
    }

    /** The sent ones in one batch update, the failed ones (few) one by one; returns their timeline lines. */
    private List<TimelineRecord> recordTogether(List<Outcome> outcomes, MessageComposer.Batch context) {
        List<Outcome> sent = outcomes.stream().filter(o -> o.error() == null).toList();
        boolean[] marked = store.markAllSent(sent.stream()
                .map(o -> new DeliveryStore.Sent(o.delivery().id(), o.delivery().claimToken(), o.at()))
                .toList());
        List<TimelineRecord> lines = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (marked[i]) {
                sentLine(sent.get(i), context).ifPresent(lines::add);
            }
        }
        for (Outcome outcome : outcomes) {
            if (outcome.error() != null) {
                record(outcome, context).ifPresent(lines::add);
            }
        }
        return lines;
    }

    /** Sends one delivery; null when it was cancelled instead (that is recorded at once). */
    private Outcome deliver(DeliveryStore.Claimed delivery, MessageComposer.Batch context) {
        String error = null;
        try {
            OutgoingMessage message = composer.compose(delivery, context);
            String obsolete = obsolete(message, delivery);
            if (obsolete != null) {
                transaction.executeWithoutResult(
                        status -> store.markCancelled(delivery.id(), delivery.claimToken(), obsolete));
                return null;
            }
            Channel channel = ContactType.parse(delivery.channel())
                    .map(channels::get)
                    .orElseThrow(() -> new DeliveryFailure("no channel for " + delivery.channel()));
            channel.send(message);
        } catch (DeliveryFailure e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            log.warn("Delivery {} failed unexpectedly", delivery.id(), e);
            error = "unexpected error: " + e.getClass().getSimpleName();
        }
        return new Outcome(delivery, error, clock.instant());
    }

    /**
     * Why a claimed page need not go out any more: the incident was resolved, or acknowledged (for pages other
     * than ROLE pages) after the delivery was claimed but before it was sent. Null when it is still wanted.
     */
    private static String obsolete(OutgoingMessage message, DeliveryStore.Claimed delivery) {
        if (!message.isPage()) {
            return null;
        }
        String status = message.incident().status();
        if (status.equals("RESOLVED")) {
            return "Cancelled: the incident was resolved";
        }
        if (status.equals("ACKNOWLEDGED") && delivery.page().reason() != dev.klaxon.notify.PageReason.ROLE) {
            return "Cancelled: the incident was acknowledged";
        }
        return null;
    }

    /** Records one outcome; returns its timeline line unless another sender had taken the delivery over. */
    private Optional<TimelineRecord> record(Outcome outcome, MessageComposer.Batch context) {
        DeliveryStore.Claimed delivery = outcome.delivery();
        String error = outcome.error();
        Instant at = outcome.at();
        if (error == null) {
            return store.markSent(delivery.id(), delivery.claimToken(), at)
                    ? sentLine(outcome, context)
                    : Optional.empty();
        }
        String attempt = attempt(delivery);
        ResponseEvent event;
        String message;
        if (delivery.attempts() < properties.maxAttempts()) {
            Duration wait = properties.backoffAfter(delivery.attempts());
            if (!store.markRetry(delivery.id(), delivery.claimToken(), at.plus(wait), error)) {
                return Optional.empty();
            }
            event = ResponseEvent.DELIVERY_FAILED;
            message = describe(delivery) + ": " + error + " (" + attempt + "; next attempt in " + human(wait) + ")";
        } else {
            if (!store.markAbandoned(delivery.id(), delivery.claimToken(), error)) {
                return Optional.empty();
            }
            event = ResponseEvent.DELIVERY_ABANDONED;
            message = describe(delivery) + ": " + error + " (" + attempt + "; giving up)";
        }
        if (delivery.page() == null) {
            log.info("Notice delivery {} {}", delivery.id(), message);
            return Optional.empty();
        }
        return Optional.of(line(outcome, event, message, context));
    }

    private Optional<TimelineRecord> sentLine(Outcome outcome, MessageComposer.Batch context) {
        if (outcome.delivery().page() == null) {
            return Optional.empty(); // notices are not part of an incident's timeline
        }
        String message = describe(outcome.delivery()) + ": sent (" + attempt(outcome.delivery()) + ")";
        return Optional.of(line(outcome, ResponseEvent.DELIVERY_SUCCEEDED, message, context));
    }

    private static TimelineRecord line(
            Outcome outcome, ResponseEvent event, String message, MessageComposer.Batch context) {
        var delivery = outcome.delivery();
        return new TimelineRecord(
                delivery.page().incidentId(),
                outcome.at(),
                event,
                Actor.SYSTEM,
                context.userName(delivery.userId()),
                message);
    }

    private String attempt(DeliveryStore.Claimed delivery) {
        return "attempt " + delivery.attempts() + " of " + properties.maxAttempts();
    }

    /** What the timeline shows of the target: never a webhook's path, which often is its secret. */
    static String describe(DeliveryStore.Claimed delivery) {
        String address = delivery.address();
        String shown = switch (delivery.channel()) {
            case "webhook", "slack" -> {
                try {
                    yield URI.create(address).getHost();
                } catch (IllegalArgumentException e) {
                    yield "?";
                }
            }
            default -> address;
        };
        String channel = delivery.channel().equals("sms") ? "SMS" : delivery.channel();
        return channel + " " + shown;
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 60 != 0 || seconds < 60) {
            return seconds + "s";
        }
        return seconds / 60 + " min";
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }
}
