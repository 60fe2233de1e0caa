package io.backchannel.listening.web;

import io.backchannel.listening.internal.Dashboard;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's choices as they come in the URL, shared by the page, its refreshed panels and the CSV exports. A
 * custom period that does not parse, ends before it starts or is longer than a year falls back to seven days with a
 * message saying so.
 *
 * @param period {@code today}, {@code 7d}, {@code 30d} or {@code custom} (then {@code from} and {@code to}, inclusive)
 */
record DashboardFilters(
        @Nullable String period,
        @Nullable String from,
        @Nullable String to,
        @Nullable String team,
        @Nullable String channel) {

    static final List<String> PERIODS = List.of("today", "7d", "30d", "custom");

    /** The periods' message keys, spelt out so that the i18n guard finds them. */
    static final String[] PERIOD_KEYS = {
        "listening.dashboard.period.today",
        "listening.dashboard.period.7d",
        "listening.dashboard.period.30d",
        "listening.dashboard.period.custom"
    };

    static final int MAX_DAYS = 366;

    /** The filter to count with, and the message key of a problem with the custom dates, if any. */
    Resolved resolve(ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        String chosen = period == null || !PERIODS.contains(period) ? "7d" : period;
        String problem = null;
        LocalDate start;
        LocalDate end = today;
        switch (chosen) {
            case "today" -> start = today;
            case "30d" -> start = today.minusDays(29);
            case "custom" -> {
                LocalDate first = date(from);
                LocalDate last = date(to);
                if (first == null || last == null || last.isBefore(first)) {
                    problem = "listening.dashboard.dates-invalid";
                } else if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
                    problem = "listening.dashboard.range-too-long";
                }
                if (problem == null && first != null && last != null) {
                    start = first;
                    end = last;
                } else {
                    chosen = "7d";
                    start = today.minusDays(6);
                }
            }
            default -> start = today.minusDays(6);
        }
        boolean hourly = ChronoUnit.DAYS.between(start, end) < 2;
        var filter = new Dashboard.Filter(
                start.atStartOfDay(zone).toInstant(),
                end.plusDays(1).atStartOfDay(zone).toInstant(),
                hourly,
                InboxFilters.uuid(team),
                channel());
        var shown = new DashboardFilters(chosen, start.toString(), end.toString(), team, channel());
        return new Resolved(filter, shown, problem);
    }

    /** A channel name as connectors spell them, or none. */
    @Override
    public @Nullable String channel() {
        if (channel == null) {
            return null;
        }
        String stripped = channel.strip();
        return stripped.matches("[a-z0-9_-]{1,40}") ? stripped : null;
    }

    /** The filters as URL parameters, for the panels' refresh and the CSV links. */
    String query() {
        var out = new StringBuilder("period=").append(period);
        if ("custom".equals(period)) {
            out.append("&from=").append(from).append("&to=").append(to);
        }
        if (InboxFilters.uuid(team) != null) {
            out.append("&team=").append(InboxFilters.uuid(team));
        }
        if (channel() != null) {
            out.append("&channel=").append(channel());
        }
        return out.toString();
    }

    private static @Nullable LocalDate date(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    record Resolved(Dashboard.Filter filter, DashboardFilters shown, @Nullable String problem) {}
}
