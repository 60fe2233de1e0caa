package io.backchannel.listening.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A team's working time: the same hours on each working weekday, in one time zone, without the holidays. Response
 * targets count only this time, so a question on Friday evening is due on Monday.
 */
public record BusinessHours(
        Set<DayOfWeek> weekdays, LocalTime start, LocalTime end, ZoneId zone, Set<LocalDate> holidays) {

    /** No calendar has years without a working day; beyond this many days the search gives up. */
    static final int MAX_DAYS = 3_660;

    public BusinessHours {
        if (weekdays.isEmpty() || !end.isAfter(start)) {
            throw new IllegalArgumentException("A working day needs weekdays and an end after its start");
        }
        weekdays = Set.copyOf(weekdays);
        holidays = Set.copyOf(holidays);
    }

    /** The instant when {@code work} of working time has passed after {@code from}. */
    public Instant add(Instant from, Duration work) {
        Duration left = work;
        ZonedDateTime at = from.atZone(zone);
        for (int day = 0; day < MAX_DAYS; day++) {
            LocalDate date = at.toLocalDate();
            if (weekdays.contains(date.getDayOfWeek()) && !holidays.contains(date)) {
                ZonedDateTime open = date.atTime(start).atZone(zone);
                ZonedDateTime close = date.atTime(end).atZone(zone);
                ZonedDateTime begin = at.isAfter(open) ? at : open;
                if (begin.isBefore(close)) {
                    Duration available = Duration.between(begin, close);
                    if (available.compareTo(left) >= 0) {
                        return begin.plus(left).toInstant();
                    }
                    left = left.minus(available);
                }
            }
            at = date.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("No working time within " + MAX_DAYS + " days");
    }
}
