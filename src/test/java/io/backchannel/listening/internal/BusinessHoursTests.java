package io.backchannel.listening.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessHoursTests {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final BusinessHours OFFICE = new BusinessHours(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            BERLIN,
            Set.of(LocalDate.of(2026, 12, 24)));

    static Instant berlin(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void timeWithinTheWorkingDayAddsUp() {
        assertThat(OFFICE.add(berlin("2026-11-23T10:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-11-23T12:00"));
    }

    @Test
    void aQuestionOnFridayEveningIsDueOnMonday() {
        assertThat(OFFICE.add(berlin("2026-11-27T16:30"), Duration.ofHours(1))).isEqualTo(berlin("2026-11-30T09:30"));
        assertThat(OFFICE.add(berlin("2026-11-28T12:00"), Duration.ofMinutes(30)))
                .isEqualTo(berlin("2026-11-30T09:30"));
    }

    @Test
    void nightsAndHolidaysDoNotCount() {
        assertThat(OFFICE.add(berlin("2026-11-23T07:00"), Duration.ofMinutes(10)))
                .isEqualTo(berlin("2026-11-23T09:10"));
        // Wednesday 23 Dec 16:00 + 2 h: one hour that day, the 24th is a holiday, one hour on the 25th.
        assertThat(OFFICE.add(berlin("2026-12-23T16:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-12-25T10:00"));
    }

    @Test
    void longTargetsSpanSeveralWorkingDays() {
        assertThat(OFFICE.add(berlin("2026-11-23T09:00"), Duration.ofHours(24))).isEqualTo(berlin("2026-11-25T17:00"));
    }

    @Test
    void aCalendarNeedsWorkingTime() {
        assertThatThrownBy(() -> new BusinessHours(Set.of(), LocalTime.of(9, 0), LocalTime.of(17, 0), BERLIN, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessHours(
                        Set.of(DayOfWeek.MONDAY), LocalTime.of(17, 0), LocalTime.of(9, 0), BERLIN, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
