package dev.klaxon.notify.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.notify.ContactType;
import dev.klaxon.notify.NotifyEntryKinds;
import dev.klaxon.notify.spi.Channel;
import dev.klaxon.notify.spi.DeliveryFailure;
import dev.klaxon.notify.spi.OutgoingMessage;
import dev.klaxon.timeline.EntryKind;
import dev.klaxon.timeline.NewEntry;
import dev.klaxon.timeline.Timeline;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private final Timeline timeline;
    private final NotifyProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ExecutorService senders;
    private final ExecutorService recorder;
    private final Timer handOffLag;

    Outbox(
            DeliveryStore store,
            List<Channel> channels,
            MessageComposer composer,
            Timeline timeline,
            NotifyProperties properties,
            PlatformTransactionManager transactions,
            Clock clock,
            MeterRegistry meters) {
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
        this.recorder = Executors.newSingleThreadExecutor(r -> {
            var thread = new Thread(r, "notify-recorder");
            thread.setDaemon(true);
            return thread;
        });
        this.handOffLag = Timer.builder("klaxon.notify.handoff.lag")
                .description("From a delivery (or retry) falling due to its claim committing and the delivery being"
                        + " handed to the sender pool")
                .publishPercentileHistogram()
                .register(meters);
    }

    /**
     * Sends every delivery that is due now; returns how many it handled (sent, failed, abandoned or cancelled).
     * Three stages overlap: this thread claims what is due, up to {@code max-in-flight} claimed deliveries not yet
     * finished, and hands them to the sender pool in batches; the pool sends; one recorder thread writes each
     * batch's outcomes once all its sends are done. A burst of due deliveries is thus handed to senders as fast as
     * it can be claimed, not as fast as the previous batches are sent and recorded. Returns when nothing is due
     * any more and every claimed batch is recorded.
     */
    public int sendDue() {
        int requeued = transaction.execute(status -> store.requeueExpired(clock.instant()));
        if (requeued > 0) {
            log.warn("{} deliveries were claimed by a sender that did not finish; they will be sent again", requeued);
        }
        int handled = 0;
        int unfinished = 0;
        Deque<InFlight> inFlight = new ArrayDeque<>();
        boolean drained = false;
        try {
            while (true) {
                while (!drained && unfinished < properties.maxInFlight()) {
                    int room = properties.maxInFlight() - unfinished;
                    InFlight next = claimAndSend(room);
                    if (next == null) {
                        drained = true;
                        break;
                    }
                    inFlight.add(next);
                    unfinished += next.size();
                    drained = next.size() < room;
                }
                InFlight oldest = inFlight.poll();
                if (oldest == null) {
                    return handled;
                }
                oldest.recorded().get();
                unfinished -= oldest.size();
                handled += oldest.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // what was claimed and not recorded is due again after its lease
            return handled;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch's failures are logged and absorbed where they happen", e);
        }
    }

    /** Claimed deliveries whose sends are with the sender pool; {@code recorded} completes once their outcomes are written. */
    private record InFlight(int size, CompletableFuture<Void> recorded) {}

    /**
     * Claims up to {@code limit} due deliveries in one transaction and hands them to the pool in batches of
     * {@code batch-size}; for each batch the pool reads what its messages need, sends them, and the recorder writes
     * the outcomes. Null when nothing is due. Only the claim runs on the calling thread.
     */
    private InFlight claimAndSend(int limit) {
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(properties.lease());
        List<DeliveryStore.Claimed> claimed =
                transaction.execute(status -> store.claim(now, clock::instant, leaseUntil, limit, token));
        if (claimed == null || claimed.isEmpty()) {
            return null;
        }
        Instant handed = clock.instant();
        for (var delivery : claimed) {
            handOffLag.record(
                    delivery.dueAt().isBefore(handed) ? Duration.between(delivery.dueAt(), handed) : Duration.ZERO);
        }
        log.debug(
                "Claimed {} deliveries in {} ms",
                claimed.size(),
                Duration.between(now, handed).toMillis());
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int from = 0; from < claimed.size(); from += properties.batchSize()) {
            var batch = claimed.subList(from, Math.min(claimed.size(), from + properties.batchSize()));
            batches.add(sendAndRecord(batch, leaseUntil));
        }
        return new InFlight(claimed.size(), CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)));
    }

    private CompletableFuture<Void> sendAndRecord(List<DeliveryStore.Claimed> batch, Instant leaseUntil) {
        return CompletableFuture.supplyAsync(() -> composer.read(batch), senders)
                .thenCompose(context -> {
                    List<CompletableFuture<Outcome>> sends = new ArrayList<>(batch.size());
                    for (var delivery : batch) {
                        sends.add(CompletableFuture.supplyAsync(() -> deliver(delivery, context, leaseUntil), senders)
                                .exceptionally(e -> {
                                    log.error(
                                            "Sending a delivery failed unexpectedly; its lease will make it due again",
                                            e);
                                    return null;
                                }));
                    }
                    return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                            .thenAcceptAsync(
                                    done -> recordAll(
                                            sends.stream()
                                                    .map(CompletableFuture::join)
                                                    .filter(Objects::nonNull)
                                                    .toList(),
                                            context),
                                    recorder);
                })
                .exceptionally(e -> {
                    log.error(
                            "Reading, sending or recording {} claimed deliveries failed; their lease will make them"
                                    + " due again",
                            batch.size(),
                            e);
                    return null;
                });
    }

    /**
     * What one send attempt came to, recorded with the rest of its batch. {@code unsent}: the lease was about to
     * run out before the send began, so it was not attempted (another sender may take the delivery over).
     */
    private record Outcome(DeliveryStore.Claimed delivery, String error, Instant at, boolean unsent) {

        static Outcome sent(DeliveryStore.Claimed delivery, Instant at) {
            return new Outcome(delivery, null, at, false);
        }

        static Outcome failed(DeliveryStore.Claimed delivery, String error, Instant at) {
            return new Outcome(delivery, error, at, false);
        }

        static Outcome unsent(DeliveryStore.Claimed delivery, Instant at) {
            return new Outcome(delivery, null, at, true);
        }

        boolean wentOut() {
            return !unsent && error == null;
        }
    }

    private void recordAll(List<Outcome> outcomes, MessageComposer.Batch context) {
        if (outcomes.isEmpty()) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> timeline.appendAll(recordTogether(outcomes, context)));
        } catch (RuntimeException e) {
            log.warn("Recording {} outcomes together failed; recording them one by one", outcomes.size(), e);
            for (Outcome outcome : outcomes) {
                try {
                    transaction.executeWithoutResult(
                            status -> record(outcome, context).ifPresent(timeline::append));
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
    private List<NewEntry> recordTogether(List<Outcome> outcomes, MessageComposer.Batch context) {
        List<Outcome> sent = outcomes.stream().filter(Outcome::wentOut).toList();
        boolean[] marked = store.markAllSent(sent.stream()
                .map(o -> new DeliveryStore.Sent(o.delivery().id(), o.delivery().claimToken(), o.at()))
                .toList());
        List<NewEntry> lines = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (marked[i]) {
                sentLine(sent.get(i), context).ifPresent(lines::add);
            }
        }
        for (Outcome outcome : outcomes) {
            if (!outcome.wentOut()) {
                record(outcome, context).ifPresent(lines::add);
            }
        }
        return lines;
    }

    /** Sends one delivery; null when it was cancelled instead (that is recorded at once). */
    private Outcome deliver(DeliveryStore.Claimed delivery, MessageComposer.Batch context, Instant leaseUntil) {
        Instant start = clock.instant();
        // A send that might still be running when the lease ends could be repeated by the sender that takes over
        // (the lease is what keeps a delivery at most once): a send that cannot finish in time is not begun.
        if (start.plus(properties.timeout().multipliedBy(2)).isAfter(leaseUntil)) {
            return Outcome.unsent(delivery, start);
        }
        String error = null;
        try {
            OutgoingMessage message = composer.compose(delivery, context);
            String obsolete = context.isDeactivated(delivery.userId())
                    ? "Cancelled: " + context.userName(delivery.userId()) + " was deactivated"
                    : obsolete(message, delivery);
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
        return error == null
                ? Outcome.sent(delivery, clock.instant())
                : Outcome.failed(delivery, error, clock.instant());
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
    private Optional<NewEntry> record(Outcome outcome, MessageComposer.Batch context) {
        DeliveryStore.Claimed delivery = outcome.delivery();
        String error = outcome.error();
        Instant at = outcome.at();
        if (outcome.unsent()) {
            if (store.markUnsent(delivery.id(), delivery.claimToken())) {
                log.warn("Delivery {} was not sent before its lease ran out; it is due again", delivery.id());
            }
            return Optional.empty();
        }
        if (error == null) {
            return store.markSent(delivery.id(), delivery.claimToken(), at)
                    ? sentLine(outcome, context)
                    : Optional.empty();
        }
        String attempt = attempt(delivery);
        EntryKind event;
        String message;
        if (delivery.attempts() < properties.maxAttempts()) {
            Duration wait = properties.backoffAfter(delivery.attempts());
            if (!store.markRetry(delivery.id(), delivery.claimToken(), at.plus(wait), error)) {
                return Optional.empty();
            }
            event = NotifyEntryKinds.DELIVERY_FAILED;
            message = describe(delivery) + ": " + error + " (" + attempt + "; next attempt in " + human(wait) + ")";
        } else {
            if (!store.markAbandoned(delivery.id(), delivery.claimToken(), error)) {
                return Optional.empty();
            }
            event = NotifyEntryKinds.DELIVERY_ABANDONED;
            message = describe(delivery) + ": " + error + " (" + attempt + "; giving up)";
        }
        if (delivery.page() == null) {
            log.info("Notice delivery {} {}", delivery.id(), message);
            return Optional.empty();
        }
        return Optional.of(line(outcome, event, message, context));
    }

    private Optional<NewEntry> sentLine(Outcome outcome, MessageComposer.Batch context) {
        if (outcome.delivery().page() == null) {
            return Optional.empty(); // notices are not part of an incident's timeline
        }
        String message = describe(outcome.delivery()) + ": sent (" + attempt(outcome.delivery()) + ")";
        return Optional.of(line(outcome, NotifyEntryKinds.DELIVERY_SUCCEEDED, message, context));
    }

    private static NewEntry line(Outcome outcome, EntryKind event, String message, MessageComposer.Batch context) {
        var delivery = outcome.delivery();
        return new NewEntry(
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
        recorder.shutdownNow();
    }
}
