package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.IllegalTransactionStateException;

/** What {@link Paging#page} writes: one page per (incident, step, person), deliveries per rule, timeline lines. */
class PagingIntegrationTests extends NotifyTestSupport {

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
        assertThat(timeline(incident, "PAGED"))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line.subject()).isEqualTo("Twice Tom"));
        assertThat(timeline(incident, "PAGED").get(0).message())
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
        assertThat(timeline(incident, "PAGED")).hasSize(1);
        assertThat(timeline(incident, "DELIVERY_ABANDONED"))
                .singleElement()
                .satisfies(line -> assertThat(line.message()).startsWith("Silent Sam has no contact methods"));
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

    @Test
    void pagingNeedsTheCallersTransaction() {
        UUID incident = openIncident(unique("No transaction"));
        assertThatThrownBy(() -> paging.page(List.of(escalation(incident, UUID.randomUUID(), "L1.C0"))))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(timeline(incident, "PAGED")).isEmpty();
    }
}
