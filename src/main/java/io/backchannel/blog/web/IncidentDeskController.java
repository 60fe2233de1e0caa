package io.backchannel.blog.web;

import io.backchannel.blog.internal.IncidentDesk;
import io.backchannel.blog.internal.IncidentRefused;
import io.backchannel.blog.internal.IncidentStatus;
import io.backchannel.identity.SignedInAccount;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The staff's incident desk (under /workspace, so staff only): the list, opening an incident, posting updates. */
@Controller
@RequestMapping(IncidentDeskController.URL)
class IncidentDeskController {

    static final String URL = "/workspace/blog/incidents";
    static final String LIST = "blog/incidents/desk";
    static final String NEW = "blog/incidents/desk-new";
    static final String DETAIL = "blog/incidents/desk-incident";

    private final IncidentDesk desk;

    IncidentDeskController(IncidentDesk desk) {
        this.desk = desk;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "1") int page,
            Locale locale,
            Model model) {
        IncidentStatus filter = IncidentForms.parse(IncidentStatus.class, status);
        model.addAttribute("page", desk.list(filter, page));
        model.addAttribute("status", filter == null ? "" : filter.name());
        model.addAttribute("statuses", IncidentStatus.values());
        languages(locale, model);
        return LIST;
    }

    @GetMapping("/new")
    String initCreationForm(Model model) {
        IncidentForms.show(desk, Map.of("status", IncidentStatus.INVESTIGATING.name()), Map.of(), model);
        return NEW;
    }

    @PostMapping
    String processCreationForm(
            @RequestParam Map<String, String> params,
            @AuthenticationPrincipal SignedInAccount account,
            Model model,
            RedirectAttributes redirect) {
        try {
            long number = desk.open(IncidentForms.draft(params, desk.languages()), account);
            redirect.addFlashAttribute("flash", "blog.incident.opened");
            return "redirect:" + URL + "/" + number;
        } catch (IncidentRefused refused) {
            IncidentForms.show(desk, params, refused.errors(), model);
            return NEW;
        }
    }

    @GetMapping("/{number}")
    String detail(@PathVariable long number, Locale locale, Model model) {
        IncidentForms.show(desk, Map.of(), Map.of(), model);
        return detail(number, locale, model, null);
    }

    @PostMapping("/{number}/updates")
    String post(
            @PathVariable long number,
            @RequestParam Map<String, String> params,
            @AuthenticationPrincipal SignedInAccount account,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        try {
            var post = IncidentForms.post(params, desk.languages());
            desk.post(number, post, account);
            redirect.addFlashAttribute(
                    "flash",
                    post.status() == IncidentStatus.RESOLVED ? "blog.incident.resolved" : "blog.incident.posted");
            return "redirect:" + URL + "/" + number;
        } catch (IncidentRefused refused) {
            IncidentForms.show(desk, params, refused.errors(), model);
            return detail(number, locale, model, "flashError");
        }
    }

    private String detail(long number, Locale locale, Model model, @Nullable String flashError) {
        var incident = desk.incident(number);
        model.addAttribute("incident", incident);
        model.addAttribute("timeline", desk.timeline(incident));
        model.addAttribute("staffView", true);
        if (flashError != null) {
            model.addAttribute(flashError, "blog.incident.not-posted");
        }
        languages(locale, model);
        return DETAIL;
    }

    private void languages(Locale locale, Model model) {
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("primary", desk.primaryLanguage());
    }
}
