package dev.klaxon.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RotationScheduleTests {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalTime NINE = LocalTime.of(9, 0);

    final UUID alice = UUID.randomUUID();
    final UUID bob = UUID.randomUUID();
    final UUID carol = UUID.randomUUID();
    final UUID dave = UUID.randomUUID();

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    static Track track(List<UUID> people, String length, LocalTime handoff, String start, Restriction... r) {
        return new Track(people, ShiftLength.parse(length), handoff, LocalDate.parse(start), List.of(r));
    }

    static RotationSchedule schedule(ZoneId zone, Track base, Cover... covers) {
        return new RotationSchedule(zone, base, List.of(), List.of(covers));
    }

    UUID who(RotationSchedule s, String instant) {
        return s.at(at(instant)).map(RotationSchedule.Slot::userId).orElse(null);
    }

    @Test
    void weeklyRotationHandsOverEverySevenDaysAtTheLocalHandOffTime() {
        var s = schedule(BERLIN, track(List.of(alice, bob, carol), "P7D", NINE, "2026-11-23"));

        assertThat(who(s, "2026-11-23T08:00:00Z")).isEqualTo(alice); // 09:00 CET
        assertThat(who(s, "2026-11-30T07:59:59Z")).isEqualTo(alice);
        assertThat(who(s, "2026-11-30T08:00:00Z")).isEqualTo(bob);
        assertThat(who(s, "2026-12-07T08:00:00Z")).isEqualTo(carol);
        assertThat(who(s, "2026-12-14T08:00:00Z")).isEqualTo(alice);
        Stretch current = s.stretchAt(at("2026-12-01T12:00:00Z")).orElseThrow();
        assertThat(current.userId()).isEqualTo(bob);
        assertThat(current.from()).isEqualTo(at("2026-11-30T08:00:00Z"));
        assertThat(current.until()).isEqualTo(at("2026-12-07T08:00:00Z"));
        assertThat(current.source()).isEqualTo(ShiftSource.ROTATION);
    }

    @Test
    void aParticipantMayAppearTwiceInTheOrder() {
        var s = schedule(BERLIN, track(List.of(alice, alice, bob), "P1D", NINE, "2026-11-23"));

        assertThat(who(s, "2026-11-24T10:00:00Z")).isEqualTo(alice);
        assertThat(who(s, "2026-11-25T10:00:00Z")).isEqualTo(bob);
        // Two shifts of the same person are two stretches, but no change of person at the hand-off between them.
        assertThat(s.stretches(at("2026-11-23T08:00:00Z"), at("2026-11-25T08:00:00Z")))
                .hasSize(2);
        assertThat(s.changes(at("2026-11-23T09:00:00Z"), at("2026-11-26T09:00:00Z")))
                .extracting(RotationSchedule.Change::at)
                .containsExactly(at("2026-11-25T08:00:00Z"), at("2026-11-26T08:00:00Z"));
    }

    @Test
    void dailyShiftOverBerlinSpringForwardLasts23HoursAndHandOffStaysAtNine() {
        var s = schedule(BERLIN, track(List.of(alice, bob), "P1D", NINE, "2027-03-25"));

        Stretch shift = s.stretchAt(at("2027-03-27T12:00:00Z")).orElseThrow();
        assertThat(shift.from()).isEqualTo(at("2027-03-27T08:00:00Z")); // 09:00 CET
        assertThat(shift.until()).isEqualTo(at("2027-03-28T07:00:00Z")); // 09:00 CEST
        assertThat(Duration.between(shift.from(), shift.until())).isEqualTo(Duration.ofHours(23));
        assertThat(shift.until().atZone(BERLIN).toLocalTime()).isEqualTo(NINE);
        assertThat(who(s, "2027-03-28T06:59:59Z")).isEqualTo(shift.userId());
        assertThat(who(s, "2027-03-28T07:00:00Z")).isNotEqualTo(shift.userId());
    }

    @Test
    void dailyShiftOverBerlinFallBackLasts25Hours() {
        var s = schedule(BERLIN, track(List.of(alice, bob), "P1D", NINE, "2026-10-22"));

        Stretch shift = s.stretchAt(at("2026-10-24T12:00:00Z")).orElseThrow();
        assertThat(shift.from()).isEqualTo(at("2026-10-24T07:00:00Z")); // 09:00 CEST
        assertThat(shift.until()).isEqualTo(at("2026-10-25T08:00:00Z")); // 09:00 CET
        assertThat(Duration.between(shift.from(), shift.until())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void dailyShiftsOverNewYorkTransitionsKeepTheLocalHandOff() {
        var s = schedule(NEW_YORK, track(List.of(alice, bob, carol), "P1D", NINE, "2026-10-01"));

        Stretch spring = s.stretchAt(at("2027-03-13T20:00:00Z")).orElseThrow();
        assertThat(spring.from()).isEqualTo(at("2027-03-13T14:00:00Z")); // 09:00 EST
        assertThat(spring.until()).isEqualTo(at("2027-03-14T13:00:00Z")); // 09:00 EDT
        assertThat(Duration.between(spring.from(), spring.until())).isEqualTo(Duration.ofHours(23));

        Stretch fall = s.stretchAt(at("2026-10-31T20:00:00Z")).orElseThrow();
        assertThat(fall.from()).isEqualTo(at("2026-10-31T13:00:00Z")); // 09:00 EDT
        assertThat(fall.until()).isEqualTo(at("2026-11-01T14:00:00Z")); // 09:00 EST
        assertThat(Duration.between(fall.from(), fall.until())).isEqualTo(Duration.ofHours(25));
        // 2026-10-01 is shift 0 (alice); 2026-10-31 is shift 30 → 30 mod 3 = 0.
        assertThat(fall.userId()).isEqualTo(alice);
    }

    @Test
    void twelveHourShiftsStepInElapsedHoursAcrossDst() {
        var s = schedule(BERLIN, track(List.of(alice, bob), "PT12H", NINE, "2027-03-27"));

        List<Stretch> shifts = s.stretches(at("2027-03-27T08:00:00Z"), at("2027-03-28T20:00:00Z"));
        assertThat(shifts)
                .extracting(Stretch::from)
                .containsExactly(at("2027-03-27T08:00:00Z"), at("2027-03-27T20:00:00Z"), at("2027-03-28T08:00:00Z"));
        assertThat(shifts)
                .allSatisfy(
                        x -> assertThat(Duration.between(x.from(), x.until())).isEqualTo(Duration.ofHours(12)));
        // After spring-forward the hand-off is at 10:00 local: elapsed hours, not wall-clock times.
        assertThat(shifts.get(2).from().atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(10, 0));
        assertThat(shifts).extracting(Stretch::userId).containsExactly(alice, bob, alice);
    }

    @Test
    void nobodyIsOnCallBeforeTheStart() {
        var s = schedule(BERLIN, track(List.of(alice), "P7D", NINE, "2026-11-23"));

        assertThat(s.at(at("2026-11-23T07:59:59Z"))).isEmpty();
        assertThat(s.stretchAt(at("2026-11-20T00:00:00Z"))).isEmpty();
        assertThat(s.stretches(at("2026-11-01T00:00:00Z"), at("2026-11-23T08:00:00Z")))
                .isEmpty();
        assertThat(s.nextChange(at("2026-11-01T00:00:00Z"), at("2026-12-31T00:00:00Z")))
                .contains(new RotationSchedule.Change(at("2026-11-23T08:00:00Z"), null, alice));
    }

    @Test
    void anOverrideOverAHandOffReplacesBothPeople() {
        // Daily hand-off at 09:00 Berlin; alice Monday, bob Tuesday. Carol covers Mon 20:00 to Tue 12:00.
        var cover = new Cover(UUID.randomUUID(), carol, null, at("2026-11-23T19:00:00Z"), at("2026-11-24T11:00:00Z"));
        var s = schedule(BERLIN, track(List.of(alice, bob), "P1D", NINE, "2026-11-23"), cover);

        assertThat(who(s, "2026-11-23T18:59:59Z")).isEqualTo(alice);
        assertThat(who(s, "2026-11-23T19:00:00Z")).isEqualTo(carol);
        assertThat(who(s, "2026-11-24T08:30:00Z")).isEqualTo(carol);
        assertThat(who(s, "2026-11-24T11:00:00Z")).isEqualTo(bob);
        List<Stretch> stretches = s.stretches(at("2026-11-23T08:00:00Z"), at("2026-11-25T08:00:00Z"));
        assertThat(stretches).extracting(Stretch::userId).containsExactly(alice, carol, bob);
        assertThat(stretches.get(1).from()).isEqualTo(cover.from());
        assertThat(stretches.get(1).until()).isEqualTo(cover.until());
        assertThat(stretches.get(1).source()).isEqualTo(ShiftSource.OVERRIDE);
        assertThat(stretches.get(1).overrideId()).isEqualTo(cover.id());
        // The 09:00 hand-off inside the override is no change of person.
        assertThat(s.changes(at("2026-11-23T08:00:00Z"), at("2026-11-24T23:00:00Z")))
                .containsExactly(
                        new RotationSchedule.Change(at("2026-11-23T08:00:00Z"), null, alice),
                        new RotationSchedule.Change(at("2026-11-23T19:00:00Z"), alice, carol),
                        new RotationSchedule.Change(at("2026-11-24T11:00:00Z"), carol, bob));
    }

    @Test
    void anOverrideWithReplacesUserIdOnlyReplacesThatPerson() {
        var cover = new Cover(UUID.randomUUID(), carol, bob, at("2026-11-23T19:00:00Z"), at("2026-11-24T11:00:00Z"));
        var s = schedule(BERLIN, track(List.of(alice, bob), "P1D", NINE, "2026-11-23"), cover);

        assertThat(who(s, "2026-11-23T19:30:00Z")).isEqualTo(alice);
        assertThat(who(s, "2026-11-24T07:59:59Z")).isEqualTo(alice);
        assertThat(who(s, "2026-11-24T08:00:00Z")).isEqualTo(carol);
        assertThat(who(s, "2026-11-24T11:00:00Z")).isEqualTo(bob);
        assertThat(s.stretchAt(at("2026-11-24T09:00:00Z")).orElseThrow())
                .extracting(Stretch::from, Stretch::until)
                .containsExactly(at("2026-11-24T08:00:00Z"), at("2026-11-24T11:00:00Z"));
    }

    @Test
    void aLaterOverrideWinsOverAnEarlierOne() {
        var first = new Cover(UUID.randomUUID(), carol, null, at("2026-11-23T10:00:00Z"), at("2026-11-23T14:00:00Z"));
        var second = new Cover(UUID.randomUUID(), dave, null, at("2026-11-23T12:00:00Z"), at("2026-11-23T13:00:00Z"));
        var s = schedule(BERLIN, track(List.of(alice), "P7D", NINE, "2026-11-23"), first, second);

        assertThat(who(s, "2026-11-23T11:00:00Z")).isEqualTo(carol);
        assertThat(who(s, "2026-11-23T12:30:00Z")).isEqualTo(dave);
        assertThat(who(s, "2026-11-23T13:30:00Z")).isEqualTo(carol);
    }

    @Test
    void aSwapExchangesThePeopleOfTwoShifts() {
        // What a swap stores: two covers that each replace only the person of the other shift.
        Track base = track(List.of(alice, bob), "P7D", NINE, "2026-11-23");
        Instant aliceShift = base.shiftStart(0, BERLIN);
        Instant bobShift = base.shiftStart(1, BERLIN);
        Instant end = base.shiftStart(2, BERLIN);
        var s = schedule(
                BERLIN,
                base,
                new Cover(UUID.randomUUID(), bob, alice, aliceShift, bobShift),
                new Cover(UUID.randomUUID(), alice, bob, bobShift, end));

        assertThat(who(s, "2026-11-24T00:00:00Z")).isEqualTo(bob);
        assertThat(who(s, "2026-12-01T00:00:00Z")).isEqualTo(alice);
        assertThat(who(s, "2026-12-08T00:00:00Z")).isEqualTo(alice);
    }

    @Test
    void followTheSunLayerWinsInsideItsWindowAndTheBaseOutside() {
        // US base around the clock; EU layer 08:00–20:00 Berlin on weekdays.
        Track us = track(List.of(alice, bob), "P7D", NINE, "2026-11-23");
        var weekdays =
                Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        Track eu = track(
                List.of(carol, dave),
                "P7D",
                LocalTime.of(8, 0),
                "2026-11-23",
                new Restriction(weekdays, LocalTime.of(8, 0), LocalTime.of(20, 0)));
        var s = new RotationSchedule(BERLIN, us, List.of(eu), List.of());

        assertThat(who(s, "2026-11-24T06:59:59Z")).isEqualTo(alice); // Tue 07:59 Berlin
        assertThat(who(s, "2026-11-24T07:00:00Z")).isEqualTo(carol); // Tue 08:00
        assertThat(s.at(at("2026-11-24T12:00:00Z")).orElseThrow().source()).isEqualTo(ShiftSource.LAYER);
        assertThat(who(s, "2026-11-24T19:00:00Z")).isEqualTo(alice); // Tue 20:00
        assertThat(who(s, "2026-11-28T12:00:00Z")).isEqualTo(alice); // Saturday: no EU layer
        assertThat(who(s, "2026-12-01T12:00:00Z")).isEqualTo(dave); // next week's EU shift
        Stretch eveningUs = s.stretchAt(at("2026-11-24T22:00:00Z")).orElseThrow();
        assertThat(eveningUs.from()).isEqualTo(at("2026-11-24T19:00:00Z"));
        assertThat(eveningUs.until()).isEqualTo(at("2026-11-25T07:00:00Z"));
        assertThat(eveningUs.source()).isEqualTo(ShiftSource.ROTATION);
    }

    @Test
    void anOverrideWinsOverALayer() {
        Track us = track(List.of(alice), "P7D", NINE, "2026-11-23");
        Track eu = track(
                List.of(carol),
                "P7D",
                NINE,
                "2026-11-23",
                new Restriction(Set.of(), LocalTime.of(8, 0), LocalTime.of(20, 0)));
        var cover = new Cover(UUID.randomUUID(), dave, carol, at("2026-11-24T10:00:00Z"), at("2026-11-24T23:00:00Z"));
        var s = new RotationSchedule(BERLIN, us, List.of(eu), List.of(cover));

        assertThat(who(s, "2026-11-24T12:00:00Z")).isEqualTo(dave);
        assertThat(who(s, "2026-11-24T20:00:00Z")).isEqualTo(alice); // carol's window is over, dave replaced carol only
    }

    @Test
    void restrictionsOnTheBaseLeaveGapsWithNobody() {
        Track base = track(
                List.of(alice),
                "P7D",
                NINE,
                "2026-11-23",
                new Restriction(Set.of(DayOfWeek.FRIDAY), LocalTime.of(20, 0), LocalTime.of(8, 0)));
        var s = schedule(BERLIN, base);

        assertThat(who(s, "2026-11-27T18:59:00Z")).isNull(); // Fri 19:59 Berlin
        assertThat(who(s, "2026-11-27T19:00:00Z")).isEqualTo(alice); // Fri 20:00
        assertThat(who(s, "2026-11-28T06:59:00Z")).isEqualTo(alice); // Sat 07:59, across midnight
        assertThat(who(s, "2026-11-28T07:00:00Z")).isNull(); // Sat 08:00
        assertThat(s.stretches(at("2026-11-23T00:00:00Z"), at("2026-11-30T00:00:00Z")))
                .singleElement()
                .extracting(Stretch::from, Stretch::until)
                .containsExactly(at("2026-11-27T19:00:00Z"), at("2026-11-28T07:00:00Z"));
    }

    @Test
    void restrictionWindowsContainTheirLocalTimes() {
        var overnight = new Restriction(Set.of(DayOfWeek.MONDAY), LocalTime.of(22, 0), LocalTime.of(6, 0));
        assertThat(overnight.contains(LocalDateTime.parse("2026-11-23T22:00"))).isTrue();
        assertThat(overnight.contains(LocalDateTime.parse("2026-11-24T05:59"))).isTrue();
        assertThat(overnight.contains(LocalDateTime.parse("2026-11-24T06:00"))).isFalse();
        assertThat(overnight.contains(LocalDateTime.parse("2026-11-24T22:00"))).isFalse();
        var fullDay = new Restriction(Set.of(), LocalTime.of(9, 0), LocalTime.of(9, 0));
        assertThat(fullDay.contains(LocalDateTime.parse("2026-11-24T08:59"))).isTrue();
    }

    @Test
    void shiftLengthsParseDaysAsCalendarDaysAndTimesAsElapsedHours() {
        assertThat(ShiftLength.parse("P7D")).isEqualTo(new ShiftLength(true, 7));
        assertThat(ShiftLength.parse("P1W")).isEqualTo(new ShiftLength(true, 7));
        assertThat(ShiftLength.parse("PT12H")).isEqualTo(new ShiftLength(false, 12));
        assertThat(ShiftLength.parse("PT36H")).isEqualTo(new ShiftLength(false, 36));
        assertThat(ShiftLength.parse("P1DT12H")).isEqualTo(new ShiftLength(false, 36));
        for (String bad : List.of("PT30M", "PT1H30M", "P1M", "P0D", "PT0H", "seven days", "")) {
            assertThatThrownBy(() -> ShiftLength.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void nextChangeSkipsHandOffsToTheSamePerson() {
        var s = schedule(BERLIN, track(List.of(alice), "P1D", NINE, "2026-11-23"));
        Optional<RotationSchedule.Change> next = s.nextChange(at("2026-11-23T10:00:00Z"), at("2027-11-23T10:00:00Z"));
        assertThat(next).isEmpty();
    }
}
