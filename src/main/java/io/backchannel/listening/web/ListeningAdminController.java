package io.backchannel.listening.web;

import io.backchannel.listening.internal.Assignment;
import io.backchannel.listening.internal.CannedReplies;
import io.backchannel.listening.internal.Routing;
import io.backchannel.listening.internal.RoutingRule;
import io.backchannel.listening.internal.Sentiment;
import io.backchannel.system.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins' side of the inbox (under /admin): routing rules in order, the teams' assignment, and canned replies. */
@Controller
class ListeningAdminController {

    static final String ROUTING = "redirect:/admin/inbox/routing";
    static final String CANNED = "redirect:/admin/inbox/canned";

    private final Routing routing;
    private final CannedReplies canned;

    ListeningAdminController(Routing routing, CannedReplies canned) {
        this.routing = routing;
        this.canned = canned;
    }

    @GetMapping("/admin/inbox/routing")
    String routing(Model model) {
        model.addAttribute("form", new RuleForm("", "", "", "", "", "", "", "", ""));
        return routingPage(model);
    }

    @PostMapping("/admin/inbox/routing")
    String addRule(
            @Valid @ModelAttribute("form") RuleForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        UUID team = InboxFilters.uuid(form.team());
        if (team == null) {
            result.rejectValue("team", "validation.required");
        }
        if (result.hasErrors() || team == null) {
            return routingPage(model);
        }
        try {
            routing.addRule(new RoutingRule(
                    UUID.randomUUID(),
                    0,
                    form.name().strip(),
                    optional(form.channel()),
                    optional(form.language()),
                    optional(form.topic()),
                    optional(form.intent()),
                    optional(form.sentiment()),
                    optional(form.author()),
                    optional(form.keywords()),
                    team));
        } catch (NotFoundException e) {
            result.rejectValue("team", "listening.routing.team-unknown");
            return routingPage(model);
        }
        redirect.addFlashAttribute("flash", "listening.routing.added");
        return ROUTING;
    }

    @PostMapping("/admin/inbox/routing/{id}/delete")
    String deleteRule(@PathVariable UUID id, RedirectAttributes redirect) {
        routing.deleteRule(id);
        redirect.addFlashAttribute("flash", "listening.routing.deleted");
        return ROUTING;
    }

    @PostMapping("/admin/inbox/routing/{id}/move")
    String move(@PathVariable UUID id, @RequestParam(defaultValue = "0") int direction) {
        routing.move(id, direction);
        return ROUTING;
    }

    @PostMapping("/admin/inbox/teams/{teamId}")
    String configureTeam(
            @PathVariable UUID teamId,
            @RequestParam(defaultValue = "") String assignment,
            @RequestParam(defaultValue = "false") boolean isDefault,
            RedirectAttributes redirect) {
        var choice = Assignment.parse(assignment);
        if (choice.isEmpty()) {
            redirect.addFlashAttribute("flashError", "listening.team.invalid");
            return ROUTING;
        }
        routing.configureTeam(teamId, choice.get(), isDefault);
        redirect.addFlashAttribute("flash", "listening.team.saved");
        return ROUTING;
    }

    @GetMapping("/admin/inbox/canned")
    String canned(Model model) {
        model.addAttribute("form", new CannedForm("", "en", ""));
        return cannedPage(model);
    }

    @PostMapping("/admin/inbox/canned")
    String addCanned(
            @Valid @ModelAttribute("form") CannedForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return cannedPage(model);
        }
        canned.add(form.title(), form.language(), form.body());
        redirect.addFlashAttribute("flash", "listening.canned.added");
        return CANNED;
    }

    @PostMapping("/admin/inbox/canned/{id}/delete")
    String deleteCanned(@PathVariable UUID id, RedirectAttributes redirect) {
        canned.delete(id);
        redirect.addFlashAttribute("flash", "listening.canned.deleted");
        return CANNED;
    }

    private String routingPage(Model model) {
        model.addAttribute("rules", routing.rules());
        model.addAttribute("teams", routing.teams());
        model.addAttribute("teamNames", routing.teamNames());
        model.addAttribute("settings", routing.settings());
        model.addAttribute("assignments", Arrays.asList(Assignment.values()));
        model.addAttribute("sentiments", Arrays.asList(Sentiment.values()));
        return "listening/routing";
    }

    private String cannedPage(Model model) {
        model.addAttribute("replies", canned.all());
        return "listening/canned";
    }

    private static @Nullable String optional(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    record RuleForm(
            @NotBlank(message = "{validation.required}") @Size(max = 80, message = "{validation.too-long}") String name,
            @Size(max = 40, message = "{validation.too-long}") @Nullable String channel,
            @Pattern(regexp = "|[a-z]{2,3}", message = "{listening.routing.language-invalid}") @Nullable
                    String language,
            @Size(max = 40, message = "{validation.too-long}") @Nullable String topic,
            @Size(max = 40, message = "{validation.too-long}") @Nullable String intent,
            @Pattern(regexp = "|POSITIVE|NEUTRAL|NEGATIVE|UNCLEAR", message = "{listening.routing.sentiment-invalid}")
                    @Nullable
                    String sentiment,
            @Size(max = 200, message = "{validation.too-long}") @Nullable String author,
            @Size(max = 500, message = "{validation.too-long}") @Nullable String keywords,
            @Nullable String team) {}

    record CannedForm(
            @NotBlank(message = "{validation.required}") @Size(max = 80, message = "{validation.too-long}")
                    String title,
            @NotBlank(message = "{validation.required}")
                    @Pattern(regexp = "[a-z]{2,3}", message = "{listening.routing.language-invalid}")
                    String language,
            @NotBlank(message = "{validation.required}") @Size(max = 5000, message = "{validation.too-long}")
                    String body) {}
}
