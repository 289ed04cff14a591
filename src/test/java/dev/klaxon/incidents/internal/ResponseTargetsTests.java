package dev.klaxon.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.incidents.ResponseTargetStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResponseTargetsTests {

    static final Instant OPENED = Instant.parse("2026-11-23T09:00:00Z");
    static final Duration TARGET = Duration.ofMinutes(15);

    @Test
    void withoutATargetThereIsNothingToMeet() {
        var none = ResponseTargets.of(null, OPENED, at(5), null, false, at(60));
        assertThat(none.status()).isEqualTo(ResponseTargetStatus.NONE);
        assertThat(none.target()).isNull();
        assertThat(none.acknowledgedAfter()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void unacknowledgedWithinTheTargetIsPendingAndPastItBreached() {
        assertThat(ResponseTargets.of(TARGET, OPENED, null, null, false, at(15)).status())
                .isEqualTo(ResponseTargetStatus.PENDING);
        assertThat(ResponseTargets.of(TARGET, OPENED, null, null, false, at(16)).status())
                .isEqualTo(ResponseTargetStatus.BREACHED);
    }

    @Test
    void acknowledgedOnTheTargetIsMetAndAfterItBreached() {
        var met = ResponseTargets.of(TARGET, OPENED, at(15), null, false, at(90));
        assertThat(met.status()).isEqualTo(ResponseTargetStatus.MET);
        assertThat(met.acknowledgedAfter()).isEqualTo(TARGET);
        assertThat(ResponseTargets.of(TARGET, OPENED, at(16), null, false, at(90))
                        .status())
                .isEqualTo(ResponseTargetStatus.BREACHED);
    }

    @Test
    void resolvedWithoutAcknowledgementCountsTheResolutionAsTheResponse() {
        assertThat(ResponseTargets.of(TARGET, OPENED, null, at(10), false, at(90))
                        .status())
                .isEqualTo(ResponseTargetStatus.MET);
        assertThat(ResponseTargets.of(TARGET, OPENED, null, at(20), false, at(90))
                        .status())
                .isEqualTo(ResponseTargetStatus.BREACHED);
    }

    @Test
    void aRecordedBreachStaysEvenWhenALaterSeverityWouldHaveBeenMet() {
        assertThat(ResponseTargets.of(Duration.ofHours(2), OPENED, at(20), null, true, at(90))
                        .status())
                .isEqualTo(ResponseTargetStatus.BREACHED);
    }

    private static Instant at(int minutes) {
        return OPENED.plus(Duration.ofMinutes(minutes));
    }
}
