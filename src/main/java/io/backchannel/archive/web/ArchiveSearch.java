package io.backchannel.archive.web;

import io.backchannel.archive.CaptureKind;
import io.backchannel.archive.internal.ArchiveIndex;
import io.backchannel.archive.internal.ArchiveRecords;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The archive search form as it came in the query string. Everything is optional; values are bounded and an invalid
 * date or kind is reported next to its field rather than failing the page. Days are whole UTC days.
 */
record ArchiveSearch(
        @Nullable String q,
        @Nullable String platform,
        @Nullable String account,
        @Nullable String author,
        @Nullable String kind,
        @Nullable String language,
        @Nullable String from,
        @Nullable String to) {

    private static final int MAX = 500;

    /** Field name → message key of what is wrong with it. */
    Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (date(from) == null && !blank(from)) {
            errors.put("from", "archive.search.bad-date");
        }
        if (date(to) == null && !blank(to)) {
            errors.put("to", "archive.search.bad-date");
        }
        if (!blank(kind)
                && Arrays.stream(CaptureKind.values()).noneMatch(k -> k.name().equals(kind))) {
            errors.put("kind", "archive.search.bad-kind");
        }
        for (String value : new String[] {q, platform, account, author, language}) {
            if (value != null && value.length() > MAX) {
                errors.put("q", "archive.search.too-long");
            }
        }
        return errors;
    }

    ArchiveIndex.Query query() {
        LocalDate fromDay = date(from);
        LocalDate toDay = date(to);
        return new ArchiveIndex.Query(
                text(q),
                text(platform),
                text(account),
                text(author),
                text(kind),
                text(language),
                fromDay == null ? null : fromDay.atStartOfDay(ZoneOffset.UTC).toInstant(),
                toDay == null
                        ? null
                        : toDay.plusDays(1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()
                                .minusMillis(1),
                ArchiveRecords.PAGE);
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static @Nullable LocalDate date(@Nullable String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
