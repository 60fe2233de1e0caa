package io.backchannel.system.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Formats instants for templates ({@code ${@dates.format(instant)}}) in the page's language and the site's zone. */
@Component("dates")
class Dates {

    private final ZoneId zone;

    /** One formatter a language: a list page formats a date or two per row. */
    private final Map<Locale, DateTimeFormatter> formatters = new ConcurrentHashMap<>();

    Dates(@Value("${backchannel.time-zone:}") String zone) {
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    public String format(@Nullable Instant instant) {
        if (instant == null) {
            return "";
        }
        return formatters
                .computeIfAbsent(LocaleContextHolder.getLocale(), locale -> DateTimeFormatter.ofLocalizedDateTime(
                                FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(locale)
                        .withZone(zone))
                .format(instant);
    }

    /** Machine-readable form for {@code <time datetime>}. */
    public String iso(@Nullable Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
