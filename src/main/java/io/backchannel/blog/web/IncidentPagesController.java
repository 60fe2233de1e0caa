package io.backchannel.blog.web;

import io.backchannel.blog.internal.Incident;
import io.backchannel.blog.internal.IncidentDesk;
import io.backchannel.blog.internal.IncidentStatus;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public incident pages: every incident, open or resolved, with its timeline in the visitor's language where the
 * staff wrote one (else in the primary language, marked as such).
 */
@Controller
class IncidentPagesController {

    static final String LIST = "blog/incidents/list";
    static final String DETAIL = "blog/incidents/incident";

    private final IncidentDesk desk;

    IncidentPagesController(IncidentDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/blog/incidents")
    String list(@RequestParam(defaultValue = "1") int page, Locale locale, Model model) {
        model.addAttribute("page", desk.list(null, page));
        languages(locale, model);
        return LIST;
    }

    @GetMapping("/blog/incidents/{number:\\d+}")
    String incident(@PathVariable long number, Locale locale, Model model) {
        Incident incident = desk.incident(number);
        model.addAttribute("incident", incident);
        model.addAttribute("timeline", desk.timeline(incident));
        model.addAttribute("resolved", incident.status() == IncidentStatus.RESOLVED);
        languages(locale, model);
        return DETAIL;
    }

    private void languages(Locale locale, Model model) {
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("primary", desk.primaryLanguage());
    }
}
