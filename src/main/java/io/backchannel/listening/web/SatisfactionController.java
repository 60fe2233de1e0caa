package io.backchannel.listening.web;

import io.backchannel.listening.internal.Routing;
import io.backchannel.listening.internal.Satisfaction;
import io.backchannel.system.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The satisfaction question: the customer's page behind the signed link (no login; the form carries a CSRF token like
 * every other, and answers are rate-limited per address), and the admins' choice of the teams that ask it.
 */
@Controller
class SatisfactionController {

    static final String PAGE = "listening/satisfaction";

    /** The answers' keys, spelt out so that the i18n guard finds them. */
    static final String[] KEYS = {
        "listening.satisfaction.score.1",
        "listening.satisfaction.score.2",
        "listening.satisfaction.score.3",
        "listening.satisfaction.score.4",
        "listening.satisfaction.score.5",
        "listening.satisfaction.state.EXPIRED",
        "listening.satisfaction.state.INVALID"
    };

    private final Satisfaction satisfaction;
    private final Routing routing;
    private final RateLimits limits;

    SatisfactionController(Satisfaction satisfaction, Routing routing, RateLimits limits) {
        this.satisfaction = satisfaction;
        this.routing = routing;
        this.limits = limits;
    }

    @GetMapping("/satisfaction/{token}")
    String show(@PathVariable String token, HttpServletResponse response, Model model) {
        return page(token, satisfaction.read(token), false, response, model);
    }

    @PostMapping("/satisfaction/{token}")
    String answer(
            @PathVariable String token,
            @RequestParam(defaultValue = "0") String score,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (!limits.tryAcquire("satisfaction", request.getRemoteAddr())) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("flashError", "rate-limit.exceeded");
            return page(token, satisfaction.read(token), false, response, model);
        }
        int value;
        try {
            value = Integer.parseInt(score.strip());
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < Satisfaction.MIN || value > Satisfaction.MAX) {
            model.addAttribute("flashError", "listening.satisfaction.choose");
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(token, satisfaction.read(token), false, response, model);
        }
        return page(token, satisfaction.answer(token, value), true, response, model);
    }

    @GetMapping("/admin/inbox/satisfaction")
    String teams(Model model) {
        model.addAttribute("teams", routing.teamNames());
        model.addAttribute("asking", satisfaction.askingTeams());
        return "listening/satisfaction-teams";
    }

    @PostMapping("/admin/inbox/satisfaction")
    String chooseTeams(@RequestParam(defaultValue = "") List<String> teams, RedirectAttributes redirect) {
        var known = routing.teamNames().keySet();
        satisfaction.chooseTeams(teams.stream()
                .map(InboxFilters::uuid)
                .filter(Objects::nonNull)
                .filter(known::contains)
                .toList());
        redirect.addFlashAttribute("flash", "listening.satisfaction.teams-saved");
        return "redirect:/admin/inbox/satisfaction";
    }

    private static String page(
            String token, Satisfaction.Survey survey, boolean answered, HttpServletResponse response, Model model) {
        if (survey.state() != Satisfaction.State.VALID) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("token", token);
        model.addAttribute("survey", survey);
        model.addAttribute("answered", answered && survey.state() == Satisfaction.State.VALID);
        model.addAttribute("scores", List.of(1, 2, 3, 4, 5));
        return PAGE;
    }
}
