package dev.klaxon.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JudgementTests {

    static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4");
    static final List<String> SEVERITIES = List.of("Critical", "Error", "Warning");

    @Test
    void ranksFollowTheDefinitionsOrderAndUnknownValuesComeLast() {
        assertThat(Judgement.rank(PRIORITIES, "P1")).isZero();
        assertThat(Judgement.rank(PRIORITIES, "P4")).isEqualTo(3);
        assertThat(Judgement.rank(PRIORITIES, "P9")).isEqualTo(Judgement.UNRANKED);
        assertThat(Judgement.rank(PRIORITIES, null)).isEqualTo(Judgement.UNRANKED);
        assertThat(Judgement.storedRank(PRIORITIES, null)).isNull();
        assertThat(Judgement.storedRank(SEVERITIES, "Error")).isEqualTo(1);
    }

    @Test
    void aPriorityMoreUrgentThanTheRulesIsAnOverride() {
        assertThat(Judgement.isPriorityOverride(PRIORITIES, "P3", "P2")).isTrue();
        assertThat(Judgement.isPriorityOverride(PRIORITIES, "P3", "P1")).isTrue();
    }

    @Test
    void aPriorityEqualToOrLessUrgentThanTheRulesIsNoOverride() {
        assertThat(Judgement.isPriorityOverride(PRIORITIES, "P3", "P3")).isFalse();
        assertThat(Judgement.isPriorityOverride(PRIORITIES, "P3", "P4")).isFalse();
    }

    @Test
    void withoutARulePriorityTheFirstPriorityIsTriageNotAnOverride() {
        assertThat(Judgement.isPriorityOverride(PRIORITIES, null, "P1")).isFalse();
    }

    @Test
    void raisingTheSeverityIsAnOverrideButSettingOrLoweringItIsNot() {
        assertThat(Judgement.isSeverityOverride(SEVERITIES, "Warning", "Critical"))
                .isTrue();
        assertThat(Judgement.isSeverityOverride(SEVERITIES, "Error", "Critical"))
                .isTrue();
        assertThat(Judgement.isSeverityOverride(SEVERITIES, null, "Critical")).isFalse();
        assertThat(Judgement.isSeverityOverride(SEVERITIES, "Critical", "Warning"))
                .isFalse();
    }

    @Test
    void anyPriorityIsMoreUrgentThanNone() {
        assertThat(Judgement.moreUrgent(PRIORITIES, "P4", null)).isTrue();
        assertThat(Judgement.moreUrgent(PRIORITIES, "P2", "P3")).isTrue();
        assertThat(Judgement.moreUrgent(PRIORITIES, "P3", "P3")).isFalse();
        assertThat(Judgement.moreUrgent(PRIORITIES, "P4", "P3")).isFalse();
    }

    @Test
    void onlyRolesNewlyRequiredAndUnfilledAreAnnounced() {
        assertThat(Judgement.newlyMissing(
                        List.of("Coordinator", "Expert"), List.of("Coordinator", "Communicator", "Expert"), List.of()))
                .containsExactly("Communicator");
        assertThat(Judgement.newlyMissing(
                        List.of(), List.of("Coordinator", "Communicator", "Expert"), List.of("Coordinator")))
                .containsExactly("Communicator", "Expert");
        assertThat(Judgement.newlyMissing(List.of("Coordinator"), List.of("Expert"), List.of("Expert")))
                .isEmpty();
    }
}
