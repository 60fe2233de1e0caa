package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogLanguages;
import io.backchannel.blog.internal.Incident;
import io.backchannel.blog.internal.IncidentDesk;
import io.backchannel.blog.internal.IncidentKind;
import io.backchannel.blog.internal.IncidentStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;

/**
 * The staff's incident forms, whose fields depend on the configured languages ({@code title-de}, {@code body-ja}):
 * read from the request's parameters, and what their pages need to show them again with their errors.
 */
final class IncidentForms {

    private IncidentForms() {}

    static IncidentDesk.Draft draft(Map<String, String> params, List<String> languages) {
        var texts = new LinkedHashMap<String, Incident.Text>();
        for (String language : languages) {
            texts.put(
                    language,
                    new Incident.Text(text(params, "title-" + language), text(params, "summary-" + language)));
        }
        return new IncidentDesk.Draft(
                parse(IncidentKind.class, params.get("kind")),
                parse(IncidentStatus.class, params.get("status")),
                texts);
    }

    /** Unchecked boxes are not sent at all, so a missing {@code notify} means "do not mail". */
    static IncidentDesk.Post post(Map<String, String> params, List<String> languages) {
        var bodies = new LinkedHashMap<String, String>();
        for (String language : languages) {
            bodies.put(language, text(params, "body-" + language));
        }
        return new IncidentDesk.Post(
                parse(IncidentStatus.class, params.get("status")), bodies, "true".equals(params.get("notify")));
    }

    /** The form's values (to show them again) and errors (field name → message key), and the languages to ask for. */
    static void show(IncidentDesk desk, Map<String, String> values, Map<String, String> errors, Model model) {
        var names = new LinkedHashMap<String, String>();
        desk.languages().forEach(code -> names.put(code, BlogLanguages.nativeName(code)));
        model.addAttribute("languageNames", names);
        model.addAttribute("primary", desk.primaryLanguage());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", IncidentKind.values());
        model.addAttribute("statuses", IncidentStatus.values());
        model.addAttribute(
                "openStatuses",
                Arrays.stream(IncidentStatus.values())
                        .filter(IncidentStatus::open)
                        .toList());
    }

    /** PostgreSQL refuses the NUL character in text, even as a parameter; no stored text contains one. */
    private static String text(Map<String, String> params, String name) {
        return params.getOrDefault(name, "").replace("\u0000", "");
    }

    static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value) {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        return null;
    }
}
