package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogLanguages;
import io.backchannel.blog.internal.OpenIncidents;
import java.util.List;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The banner every public page shows while incidents are open ({@code @incidentBanner.open()} in the layout): from
 * the in-memory copy of the open incidents, so it costs no query.
 */
@Component("incidentBanner")
public class IncidentBanner {

    private final OpenIncidents incidents;
    private final BlogLanguages languages;

    IncidentBanner(OpenIncidents incidents, BlogLanguages languages) {
        this.incidents = incidents;
        this.languages = languages;
    }

    /** One line of the banner: the title in the visitor's language where it has one, in the language it is in. */
    public record Line(long number, String title, String language, String statusKey) {}

    public List<Line> open() {
        String language = LocaleContextHolder.getLocale().getLanguage();
        return incidents.current().stream()
                .map(incident -> {
                    var text = incident.text(language, languages.primary());
                    return new Line(
                            incident.number(),
                            text.value().title(),
                            text.language(),
                            incident.status().bundleKey());
                })
                .toList();
    }
}
