package dev.klaxon.notify;

import dev.klaxon.identity.Caller;
import dev.klaxon.incidents.Incidents;
import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import dev.klaxon.timeline.TimelineEntry;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Users, incidents (through the real intake) and pages for notify tests; every name is unique per call. */
@KlaxonIntegrationTest
abstract class NotifyTestSupport {

    @LocalServerPort
    protected int port;

    @Autowired
    protected Paging paging;

    @Autowired
    protected Deliveries deliveries;

    @Autowired
    protected Incidents incidents;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected PlatformTransactionManager transactions;

    /** The admin with an API token: HTTP Basic would verify the bcrypt password on every request. */
    protected Api admin;

    private static String adminToken;

    @BeforeEach
    void adminClient() {
        if (adminToken == null) {
            adminToken = Api.asAdmin(port)
                    .post("/api/v1/tokens", "{\"name\":\"" + unique("notify-tests") + "\"}")
                    .expect(201)
                    .json()
                    .get("secret")
                    .asString();
        }
        admin = Api.bearer(port, adminToken);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A user who can sign in with {@code password}; returns the id. */
    protected UUID createUser(String name, String password) {
        String username = unique(name.toLowerCase().replace(' ', '-'));
        return UUID.fromString(admin.post("/api/v1/users", """
                        {"username":"%s","name":"%s","password":"%s"}""".formatted(username, name, password))
                .expect(201)
                .json()
                .get("id")
                .asString());
    }

    /** A user who is only paged (no password, so no password hashing: fast). */
    protected UUID createUser(String name) {
        String username = unique(name.toLowerCase().replace(' ', '-'));
        return UUID.fromString(admin.post("/api/v1/users", """
                        {"username":"%s","name":"%s"}""".formatted(username, name))
                .expect(201)
                .json()
                .get("id")
                .asString());
    }

    protected String username(UUID userId) {
        return admin.get("/api/v1/users/" + userId)
                .expect(200)
                .json()
                .get("username")
                .asString();
    }

    protected UUID addContact(UUID userId, String type, String address) {
        return UUID.fromString(admin.post("/api/v1/users/" + userId + "/contact-methods", """
                        {"type":"%s","address":"%s"}""".formatted(type, address))
                .expect(201)
                .json()
                .get("id")
                .asString());
    }

    /** Opens an incident by sending an event through the Events API v2 intake; returns its id. */
    protected UUID openIncident(String summary) {
        return admin.openIncident(admin.createService("notify"), summary);
    }

    /** Pages inside a transaction, as the escalation engine does. */
    protected List<PageCreated> page(PageRequest... requests) {
        return new TransactionTemplate(transactions).execute(status -> paging.page(Arrays.asList(requests)));
    }

    protected PageRequest escalation(UUID incidentId, UUID userId, String stepKey) {
        return new PageRequest(incidentId, userId, stepKey, PageReason.ESCALATION, 1, null, clock.instant());
    }

    protected List<TimelineEntry> timeline(UUID incidentId, String kind) {
        return incidents.timeline(incidentId).stream()
                .filter(line -> line.kind().equals(kind))
                .toList();
    }

    protected List<DeliveryView> deliveriesOf(UUID incidentId) {
        return paging.deliveries(incidentId, Caller.system());
    }

    /** The token of an acknowledge URL as a message carries it. */
    protected static String tokenOf(String text) {
        var matcher = java.util.regex.Pattern.compile("/ack/([A-Za-z0-9_-]+)").matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("No acknowledge link in: " + text);
        }
        return matcher.group(1);
    }
}
