package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpServer;
import dev.klaxon.notify.internal.NotifyProperties;
import dev.klaxon.support.RecordingHttpServer;
import dev.klaxon.support.TestDeliveryServers;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The outbox against real receivers: a local HTTP server, an in-process SMTP server, a Twilio-compatible API. */
class DeliveryIntegrationTests extends NotifyTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    GreenMail greenMail;

    @Autowired
    RecordingHttpServer twilioApi;

    @Autowired
    NotifyProperties notifyProperties;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFailingWebhookIsRetriedWithBackOffUntilItAcceptsWithTheSameDeliveryId() throws Exception {
        try (var receiver = RecordingHttpServer.answering(500, 500)) {
            UUID user = createUser("Webhook Wendy");
            addContact(user, "webhook", receiver.url("/hooks/klaxon"));
            String title = unique("Checkout failing");
            UUID incident = openIncident(title);
            page(escalation(incident, user, "L1.C0"));

            deliveries.sendDue();
            assertThat(receiver.received()).hasSize(1);
            DeliveryView first = deliveriesOf(incident).get(0);
            assertThat(first.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(first.attempts()).isEqualTo(1);
            assertThat(first.lastError()).contains("HTTP 500");
            assertThat(first.nextAttemptAt()).isEqualTo(first.dueAt().plusSeconds(30));

            deliveries.sendDue(); // not due again yet
            assertThat(receiver.received()).hasSize(1);

            clock.advance(Duration.ofSeconds(30));
            deliveries.sendDue();
            assertThat(receiver.received()).hasSize(2);
            assertThat(deliveriesOf(incident).get(0).attempts()).isEqualTo(2);

            clock.advance(Duration.ofSeconds(59)); // the second wait is a minute
            deliveries.sendDue();
            assertThat(receiver.received()).hasSize(2);

            clock.advance(Duration.ofSeconds(1));
            deliveries.sendDue();
            assertThat(receiver.received()).hasSize(3);
            DeliveryView sent = deliveriesOf(incident).get(0);
            assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(3);

            assertThat(receiver.received())
                    .extracting(r -> r.header("X-Klaxon-Delivery"))
                    .containsOnly(sent.id().toString());
            JsonNode body = JSON.readTree(receiver.received().get(2).body());
            assertThat(body.get("deliveryId").asString()).isEqualTo(sent.id().toString());
            assertThat(body.get("type").asString()).isEqualTo("page");
            assertThat(body.get("incident").get("title").asString()).isEqualTo(title);
            assertThat(body.get("incident").get("status").asString()).isEqualTo("TRIGGERED");
            assertThat(body.get("incident").get("url").asString())
                    .endsWith("/incidents/" + body.get("incident").get("number").asLong());
            assertThat(body.get("acknowledgeUrl").asString()).contains("/ack/");
            assertThat(body.get("reason").asString()).isEqualTo("ESCALATION");

            assertThat(timeline(incident, "notify.delivery_failed"))
                    .hasSize(2)
                    .allSatisfy(line -> assertThat(line.message()).contains("HTTP 500"));
            assertThat(timeline(incident, "notify.delivery_succeeded")).hasSize(1);
            assertThat(timeline(incident, "notify.delivery_failed").get(0).message())
                    .contains("webhook 127.0.0.1")
                    .doesNotContain("/hooks/klaxon");
        }
    }

    @Test
    void aDeliveryIsAbandonedAfterTheLastAttempt() throws Exception {
        try (var receiver = RecordingHttpServer.answering(503, 503, 503, 503, 503, 503, 503)) {
            UUID user = createUser("Unlucky Uma");
            addContact(user, "webhook", receiver.url("/down"));
            UUID incident = openIncident(unique("Search down"));
            page(escalation(incident, user, "L1.C0"));
            for (int attempt = 0; attempt < 6; attempt++) {
                deliveries.sendDue();
                clock.advance(Duration.ofMinutes(15));
            }
            deliveries.sendDue();
            assertThat(receiver.received()).hasSize(6);
            assertThat(deliveriesOf(incident).get(0).status()).isEqualTo(DeliveryStatus.ABANDONED);
            assertThat(timeline(incident, "notify.delivery_failed")).hasSize(5);
            assertThat(timeline(incident, "notify.delivery_abandoned")).hasSize(1);
        }
    }

    /**
     * A delivery that was already on its way when its person was deactivated (claimed by a sender, so the cancellation
     * at deactivation did not catch it) is cancelled when it is about to be sent.
     */
    @Test
    void aDeliveryForSomeoneDeactivatedMeanwhileIsCancelledInsteadOfSent() throws Exception {
        try (var receiver = RecordingHttpServer.answering()) {
            UUID user = createUser("Leaving Leo");
            addContact(user, "webhook", receiver.url("/hooks/leo"));
            UUID incident = openIncident(unique("Leo leaves"));
            page(escalation(incident, user, "L1.C0"));
            // As if deactivated while the delivery was held by a sender: only the person's row changes.
            jdbc.sql("UPDATE identity_users SET active = FALSE WHERE id = ?")
                    .param(user)
                    .update();

            deliveries.sendDue();

            assertThat(receiver.received()).isEmpty();
            assertThat(deliveriesOf(incident)).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(DeliveryStatus.CANCELLED);
                assertThat(d.lastError()).isEqualTo("Cancelled: Leaving Leo was deactivated");
            });
        }
    }

    @Test
    void anEmailReachesTheSmtpServerWithTheAcknowledgeAndIncidentLinks() throws Exception {
        UUID user = createUser("Mail Mia");
        String address = unique("mia") + "@example.com";
        addContact(user, "email", address);
        String title = unique("Payments slow");
        UUID incident = openIncident(title);
        page(escalation(incident, user, "L1.C0"));

        deliveries.sendDue();

        assertThat(deliveriesOf(incident))
                .singleElement()
                .satisfies(d -> assertThat(d.status()).as(d.lastError()).isEqualTo(DeliveryStatus.SENT));
        List<MimeMessage> mine = Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> recipients(m).contains(address))
                .toList();
        assertThat(mine).hasSize(1);
        long number = incidents.get(incident).number();
        assertThat(mine.get(0).getSubject())
                .startsWith("[Klaxon] #" + number + " ")
                .endsWith(title);
        String text = ((String) mine.get(0).getContent()).replace("\r\n", "\n");
        assertThat(text).contains("Acknowledge: ").contains("/ack/").contains("/incidents/" + number);
        assertThat(mine.get(0).getFrom()[0].toString()).isEqualTo("klaxon@localhost");
        assertThat(deliveriesOf(incident).get(0).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(timeline(incident, "notify.delivery_succeeded")).hasSize(1);
    }

    @Test
    void slackGetsTextWithLinksAndTwilioGetsFormFieldsWithBasicAuth() throws Exception {
        try (var slack = RecordingHttpServer.answering()) {
            UUID user = createUser("Phone Pia");
            addContact(user, "slack", slack.url("/services/T000/B000/secret"));
            String sms = "+4915" + (100000000L + (long) (Math.random() * 899999999L));
            String voice = "+4916" + (100000000L + (long) (Math.random() * 899999999L));
            addContact(user, "sms", sms);
            addContact(user, "voice", voice);
            String title = unique("Login errors");
            UUID incident = openIncident(title);
            page(escalation(incident, user, "L1.C0"));

            deliveries.sendDue();

            assertThat(slack.received()).hasSize(1);
            String slackText =
                    JSON.readTree(slack.received().get(0).body()).get("text").asString();
            assertThat(slackText).contains(title).contains("/ack/").contains("|Acknowledge>");
            assertThat(slack.received().get(0).header("Content-Type")).isEqualTo("application/json");

            String basic = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((TestDeliveryServers.TWILIO_SID + ":" + TestDeliveryServers.TWILIO_TOKEN)
                                    .getBytes(StandardCharsets.UTF_8));
            var message = twilioApi.received().stream()
                    .filter(r -> form(r.body()).get("To").equals(sms))
                    .toList();
            assertThat(message).hasSize(1);
            assertThat(message.get(0).path())
                    .isEqualTo("/2010-04-01/Accounts/" + TestDeliveryServers.TWILIO_SID + "/Messages.json");
            assertThat(message.get(0).header("Authorization")).isEqualTo(basic);
            assertThat(message.get(0).header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(form(message.get(0).body()))
                    .containsEntry("From", TestDeliveryServers.TWILIO_FROM)
                    .hasEntrySatisfying(
                            "Body", body -> assertThat(body).contains(title).contains("/ack/"));

            var call = twilioApi.received().stream()
                    .filter(r -> form(r.body()).get("To").equals(voice))
                    .toList();
            assertThat(call).hasSize(1);
            assertThat(call.get(0).path())
                    .isEqualTo("/2010-04-01/Accounts/" + TestDeliveryServers.TWILIO_SID + "/Calls.json");
            assertThat(call.get(0).header("Authorization")).isEqualTo(basic);
            assertThat(form(call.get(0).body()).get("Twiml"))
                    .startsWith("<Response><Say>")
                    .contains(title);
            assertThat(deliveriesOf(incident)).extracting(DeliveryView::status).containsOnly(DeliveryStatus.SENT);
        }
    }

    @Test
    void aDelayedRuleWaitsUntilDueAndIsCancelledByAcknowledgement() throws Exception {
        try (var receiver = RecordingHttpServer.answering()) {
            UUID user = createUser("Later Lou");
            UUID method = UUID.fromString(
                    admin.post("/api/v1/users/" + user + "/contact-methods", """
                            {"type":"webhook","address":"%s","notifyImmediately":false}""".formatted(receiver.url("/later")))
                            .expect(201)
                            .json()
                            .get("id")
                            .asString());
            admin.post("/api/v1/users/" + user + "/notification-rules", """
                            {"contactMethodId":"%s","delayMinutes":5}""".formatted(method))
                    .expect(201);
            UUID acknowledged = openIncident(unique("Acked soon"));
            UUID ignored = openIncident(unique("Nobody answers"));
            page(escalation(acknowledged, user, "L1.C0"), escalation(ignored, user, "L1.C0"));

            deliveries.sendDue();
            assertThat(receiver.received()).isEmpty();
            clock.advance(Duration.ofMinutes(4));
            deliveries.sendDue();
            assertThat(receiver.received()).isEmpty();

            admin.post("/api/v1/incidents/" + acknowledged + "/acknowledge", "{}")
                    .expect(200);
            assertThat(deliveriesOf(acknowledged).get(0).status()).isEqualTo(DeliveryStatus.CANCELLED);

            clock.advance(Duration.ofMinutes(1));
            deliveries.sendDue();
            assertThat(receiver.received()).hasSize(1);
            assertThat(receiver.received().get(0).body()).contains(ignored.toString());
            assertThat(deliveriesOf(ignored).get(0).status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(deliveriesOf(acknowledged).get(0).status()).isEqualTo(DeliveryStatus.CANCELLED);
        }
    }

    @Test
    void aRolePageIsCancelledByResolvingNotByAcknowledging() throws Exception {
        try (var receiver = RecordingHttpServer.answering()) {
            UUID user = createUser("Role Rita");
            UUID method = UUID.fromString(
                    admin.post("/api/v1/users/" + user + "/contact-methods", """
                            {"type":"webhook","address":"%s","notifyImmediately":false}""".formatted(receiver.url("/role")))
                            .expect(201)
                            .json()
                            .get("id")
                            .asString());
            admin.post("/api/v1/users/" + user + "/notification-rules", """
                            {"contactMethodId":"%s","delayMinutes":10}""".formatted(method))
                    .expect(201);
            UUID incident = openIncident(unique("Needs a coordinator"));
            page(new PageRequest(
                    incident,
                    user,
                    "role:Incident coordinator",
                    PageReason.ROLE,
                    0,
                    "Incident coordinator",
                    clock.instant()));

            admin.post("/api/v1/incidents/" + incident + "/acknowledge", "{}").expect(200);
            assertThat(deliveriesOf(incident).get(0).status()).isEqualTo(DeliveryStatus.PENDING);
            admin.post("/api/v1/incidents/" + incident + "/resolve", "{}").expect(200);
            assertThat(deliveriesOf(incident).get(0).status()).isEqualTo(DeliveryStatus.CANCELLED);
            clock.advance(Duration.ofMinutes(10));
            deliveries.sendDue();
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void twoSendersAtOnceSendEachDeliveryExactlyOnce() throws Exception {
        try (var receiver = RecordingHttpServer.answering()) {
            UUID incident = openIncident(unique("Everyone paged"));
            List<PageRequest> requests = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                UUID user = createUser("Crowd " + i);
                addContact(user, "webhook", receiver.url("/crowd/" + i));
                requests.add(escalation(incident, user, "L1.C0"));
            }
            page(requests.toArray(PageRequest[]::new));

            var start = new CountDownLatch(1);
            var pool = Executors.newFixedThreadPool(2);
            Callable<Integer> sender = () -> {
                start.await();
                return deliveries.sendDue();
            };
            var a = pool.submit(sender);
            var b = pool.submit(sender);
            start.countDown();
            a.get();
            b.get();
            pool.shutdown();

            List<String> ids = receiver.received().stream()
                    .map(r -> r.header("X-Klaxon-Delivery"))
                    .toList();
            assertThat(ids).hasSize(40);
            assertThat(new HashSet<>(ids)).hasSize(40);
            assertThat(deliveriesOf(incident))
                    .hasSize(40)
                    .extracting(DeliveryView::status)
                    .containsOnly(DeliveryStatus.SENT);
            assertThat(timeline(incident, "notify.delivery_succeeded")).hasSize(40);
        }
    }

    @Test
    void aSendThatCouldOutliveItsLeaseIsNotBegunAndGoesOutOnceLater() throws Exception {
        // A receiver whose first answer takes longer than the whole lease (business time: the clock moves while
        // it answers). Sends that have not begun by then would end after the lease, when another sender may
        // already have taken them over: they must wait for a fresh claim instead. There are more deliveries than
        // senders, and every answer comes after the clock moved, so the last ones begin too late, whatever the
        // threads' timing.
        int total = notifyProperties.senders() + 8;
        Object lock = new Object();
        boolean[] slowed = new boolean[1];
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestHeaders().getFirst("X-Klaxon-Delivery"));
            synchronized (lock) {
                if (!slowed[0]) {
                    clock.advance(Duration.ofMinutes(3));
                    slowed[0] = true;
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            UUID incident = openIncident(unique("Slow receiver"));
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/slow/";
            List<PageRequest> requests = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                UUID user = createUser("Patient " + i);
                addContact(user, "webhook", url + i);
                requests.add(escalation(incident, user, "L1.C0"));
            }
            page(requests.toArray(PageRequest[]::new));

            deliveries.sendDue();
            var first = deliveriesOf(incident);
            long sent = first.stream()
                    .filter(d -> d.status() == DeliveryStatus.SENT)
                    .count();
            assertThat(sent).isBetween(1L, (long) notifyProperties.senders());
            assertThat(received).hasSize((int) sent);
            assertThat(first)
                    .filteredOn(d -> d.status() != DeliveryStatus.SENT)
                    .hasSize(total - (int) sent)
                    .allSatisfy(d -> {
                        assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
                        assertThat(d.attempts()).isZero();
                    });

            deliveries.sendDue();
            assertThat(deliveriesOf(incident)).extracting(DeliveryView::status).containsOnly(DeliveryStatus.SENT);
            assertThat(received).hasSize(total).doesNotHaveDuplicates();
            assertThat(timeline(incident, "notify.delivery_succeeded")).hasSize(total);
            assertThat(timeline(incident, "notify.delivery_failed")).isEmpty();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void noticesGoToEveryContactMethodOncePerKey() throws Exception {
        try (var receiver = RecordingHttpServer.answering()) {
            UUID user = createUser("Handoff Hal");
            addContact(user, "webhook", receiver.url("/one"));
            addContact(user, "webhook", receiver.url("/two"));
            String key = unique("handoff");
            var notice =
                    new Notice(user, key, "Your shift starts", "You are on call for Checkout now.", clock.instant());
            new org.springframework.transaction.support.TransactionTemplate(transactions)
                    .executeWithoutResult(status -> paging.inform(List.of(notice)));
            paging.inform(List.of(notice));

            deliveries.sendDue();

            assertThat(receiver.received()).hasSize(2);
            assertThat(receiver.received())
                    .extracting(RecordingHttpServer.Received::path)
                    .containsExactlyInAnyOrder("/one", "/two");
            JsonNode body = JSON.readTree(receiver.received().get(0).body());
            assertThat(body.get("type").asString()).isEqualTo("notice");
            assertThat(body.get("subject").asString()).isEqualTo("Your shift starts");
            assertThat(body.has("acknowledgeUrl")).isFalse();
        }
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients())
                    .map(Object::toString)
                    .toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
    }
}
