package dev.klaxon.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.common.InvalidInputException;
import org.junit.jupiter.api.Test;

class IncidentCursorTests {

    @Test
    void cursorsRoundTripForEverySort() {
        for (IncidentSort sort : IncidentSort.values()) {
            var cursor = new IncidentQuery.Cursor(sort, sort == IncidentSort.CREATED ? 0 : 2, 4711);
            assertThat(Incidents.decodeCursor(Incidents.encodeCursor(cursor), sort))
                    .isEqualTo(cursor);
        }
    }

    @Test
    void aCursorOfAnotherSortOrGarbageIsInvalidInput() {
        String byPriority = Incidents.encodeCursor(new IncidentQuery.Cursor(IncidentSort.PRIORITY, 1, 10));
        assertThatThrownBy(() -> Incidents.decodeCursor(byPriority, IncidentSort.SEVERITY))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Incidents.decodeCursor("garbage", IncidentSort.CREATED))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Incidents.decodeCursor("cDox", IncidentSort.PRIORITY))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void durationsReadLikePeopleWriteThem() {
        assertThat(Durations.human(java.time.Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(Durations.human(java.time.Duration.ofMinutes(65))).isEqualTo("1h 5m");
        assertThat(Durations.human(java.time.Duration.ZERO)).isEqualTo("0s");
    }
}
