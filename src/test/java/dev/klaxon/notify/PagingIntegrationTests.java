package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.support.Api;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/** What {@link Paging#page} writes: one page per (incident, step, person), deliveries per rule, timeline lines. */
class PagingIntegrationTests extends NotifyTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void pagingTheSameStepTwiceCreatesOnePage() {
        UUID user = createUser("Twice Tom");
        addContact(user, "webhook", "http://127.0.0.1:9/unused");
        addContact(user, "email", unique("tom") + "@example.com");
        UUID incident = openIncident(unique("Twice paged"));

        List<PageCreated> first = page(escalation(incident, user, "L1.C0"), escalation(incident, user, "L1.C0"));
        List<PageCreated> again = page(escalation(incident, user, "L1.C0"));
        List<PageCreated> nextStep = page(escalation(incident, user, "L2.C0"));

        assertThat(first).hasSize(1);
        assertThat(first.get(0).deliveries()).isEqualTo(2);
        assertThat(first.get(0).stepKey()).isEqualTo("L1.C0");
        assertThat(again).isEmpty();
        assertThat(nextStep).hasSize(1);
        assertThat(deliveriesOf(incident)).hasSize(4);
        assertThat(timeline(incident, "notify.paged"))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line.subject()).isEqualTo("Twice Tom"));
        assertThat(timeline(incident, "notify.paged").get(0).message())
                .contains("Paged Twice Tom")
                .contains("webhook");
    }

    @Test
    void aPersonWithoutContactMethodsIsPagedButTheTimelineSaysTheyCannotBeReached() {
        UUID reachable = createUser("Reachable Rae");
        addContact(reachable, "webhook", "http://127.0.0.1:9/unused");
        UUID unreachable = createUser("Silent Sam");
        UUID incident = openIncident(unique("Partly reachable"));

        List<PageCreated> created =
                page(escalation(incident, reachable, "L1.C0"), escalation(incident, unreachable, "L1.C0"));

        assertThat(created).extracting(PageCreated::deliveries).containsExactly(1, 0);
        assertThat(timeline(incident, "notify.paged")).hasSize(1);
        assertThat(timeline(incident, "notify.delivery_abandoned"))
                .singleElement()
                .satisfies(line -> assertThat(line.message()).startsWith("Silent Sam has no contact methods"));
    }

    /** A webhook URL is a credential and a phone number is private: only the person (and administrators) see them. */
    @Test
    void whereADeliveryWentIsShownOnlyToThePersonPagedAndAdministrators() {
        String password = "a-good-long-password";
        UUID paged = createUser("Paged Pia", password);
        addContact(paged, "webhook", "http://127.0.0.1:9/secret-path");
        UUID colleague = createUser("Curious Cal", password);
        UUID incident = openIncident(unique("Private addresses"));
        page(escalation(incident, paged, "L1.C0"));
        String path = "/api/v1/incidents/" + incident + "/deliveries";

        var asPaged =
                Api.basic(port, username(paged), password).get(path).expect(200).json();
        var asColleague = Api.basic(port, username(colleague), password)
                .get(path)
                .expect(200)
                .json();
        var asAdmin = admin.get(path).expect(200).json();

        assertThat(asPaged.get(0).get("address").asString()).isEqualTo("http://127.0.0.1:9/secret-path");
        assertThat(asAdmin.get(0).get("address").asString()).isEqualTo("http://127.0.0.1:9/secret-path");
        assertThat(asColleague.get(0).get("address").isNull()).isTrue();
        assertThat(asColleague.get(0).get("status").asString()).isEqualTo("PENDING");
        assertThat(admin.get("/incidents/" + incident + "/deliveries", "text/html")
                        .body())
                .contains("webhook");
        assertThat(Api.basic(port, username(colleague), password)
                        .get("/incidents/" + incident + "/deliveries", "text/html")
                        .body())
                .contains("webhook")
                .doesNotContain("127.0.0.1");
    }

    @Test
    void aDeactivatedPersonIsNeverNotifiedAndWhatWaitedForThemIsCancelled() {
        UUID leaver = createUser("Leaving Lea");
        addContact(leaver, "webhook", "http://127.0.0.1:9/unused");
        UUID earlier = openIncident(unique("Before leaving"));
        page(escalation(earlier, leaver, "L1.C0"));
        assertThat(deliveriesOf(earlier))
                .singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING));

        var deactivation = admin.send("PATCH", "/api/v1/users/" + leaver, "{\"active\":false}")
                .expect(200)
                .json();
        UUID later = openIncident(unique("After leaving"));
        List<PageCreated> created = page(escalation(later, leaver, "L1.C0"));

        assertThat(deactivation.get("warnings").toString()).contains("Cancelled 1 notification");
        assertThat(deliveriesOf(earlier))
                .singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.CANCELLED));
        assertThat(created).extracting(PageCreated::deliveries).containsExactly(0);
        assertThat(deliveriesOf(later)).isEmpty();
        assertThat(timeline(later, "notify.delivery_abandoned"))
                .singleElement()
                .satisfies(line -> assertThat(line.message()).startsWith("Leaving Lea is deactivated"));
    }

    @Test
    void aContactMethodWithSeveralRulesIsUsedOncePerPageAtItsShortestDelay() {
        UUID user = createUser("Rules Rob");
        UUID method = addContact(user, "webhook", "http://127.0.0.1:9/unused");
        admin.post("/api/v1/users/" + user + "/notification-rules", """
                        {"contactMethodId":"%s","delayMinutes":10}""".formatted(method))
                .expect(201);
        UUID incident = openIncident(unique("Rules"));

        page(escalation(incident, user, "L1.C0"));

        assertThat(deliveriesOf(incident)).singleElement().satisfies(d -> {
            assertThat(d.delayMinutes()).isZero();
            assertThat(d.dueAt()).isEqualTo(clock.instant());
            assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
        });
    }

    /**
     * Two instances page the same step at once: the second one's check runs before the first commits, so its
     * insert meets the unique key; it rolls back to a savepoint, skips that person and pages the others, and its
     * own transaction still commits.
     */
    @Test
    void aConcurrentPageOfTheSameStepIsSkippedWithoutBreakingTheOtherTransaction() throws Exception {
        UUID both = createUser("Both Bea");
        UUID onlySecond = createUser("Second Sid");
        addContact(both, "webhook", "http://127.0.0.1:9/unused");
        addContact(onlySecond, "webhook", "http://127.0.0.1:9/unused");
        UUID incident = openIncident(unique("Raced"));
        var firstPaged = new CountDownLatch(1);
        var releaseFirst = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<PageCreated>> first =
                    pool.submit(() -> new TransactionTemplate(transactions).execute(status -> {
                        var created = paging.page(List.of(escalation(incident, both, "L1.C0")));
                        firstPaged.countDown();
                        await(releaseFirst);
                        return created;
                    }));
            firstPaged.await(20, TimeUnit.SECONDS);
            Future<List<PageCreated>> second = pool.submit(
                    () -> page(escalation(incident, both, "L1.C0"), escalation(incident, onlySecond, "L1.C0")));
            // Let the first commit only once the second waits on its row (or already hit the key).
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> second.isDone() || blockedSessions() > 0);
            releaseFirst.countDown();

            assertThat(first.get(20, TimeUnit.SECONDS))
                    .extracting(PageCreated::userId)
                    .containsExactly(both);
            assertThat(second.get(20, TimeUnit.SECONDS))
                    .extracting(PageCreated::userId)
                    .containsExactly(onlySecond);
        } finally {
            releaseFirst.countDown();
            pool.shutdown();
        }
        assertThat(deliveriesOf(incident)).extracting(DeliveryView::userId).containsExactlyInAnyOrder(both, onlySecond);
        assertThat(timeline(incident, "notify.paged"))
                .extracting(line -> line.subject())
                .containsExactlyInAnyOrder("Both Bea", "Second Sid");
    }

    private int blockedSessions() {
        String product = jdbc.sql("SELECT 1")
                .query((rs, n) -> {
                    try {
                        return rs.getStatement().getConnection().getMetaData().getDatabaseProductName();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .single();
        return product.equals("PostgreSQL")
                ? jdbc.sql("""
                                SELECT COUNT(*) FROM pg_stat_activity
                                WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO notify_pages%'""").query(Integer.class).single()
                : jdbc.sql("""
                                SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS
                                WHERE EXECUTING_STATEMENT LIKE 'INSERT INTO notify_pages%'""").query(Integer.class).single();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void pagingNeedsTheCallersTransaction() {
        UUID incident = openIncident(unique("No transaction"));
        assertThatThrownBy(() -> paging.page(List.of(escalation(incident, UUID.randomUUID(), "L1.C0"))))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(timeline(incident, "notify.paged")).isEmpty();
    }
}
