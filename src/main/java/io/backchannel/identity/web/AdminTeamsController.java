package io.backchannel.identity.web;

import io.backchannel.identity.TeamNameTaken;
import io.backchannel.identity.internal.Administration;
import io.backchannel.identity.web.Forms.MemberForm;
import io.backchannel.identity.web.Forms.TeamForm;
import jakarta.validation.Valid;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins create teams, rename them, and decide who works in which. */
@Controller
class AdminTeamsController {

    static final String LIST = "identity/admin/teams";
    static final String DETAIL = "identity/admin/team";

    private final Administration administration;

    AdminTeamsController(Administration administration) {
        this.administration = administration;
    }

    @GetMapping("/admin/teams")
    String initCreationForm(Model model) {
        model.addAttribute("form", TeamForm.empty());
        return list(model);
    }

    @PostMapping("/admin/teams")
    String processCreationForm(
            @Valid @ModelAttribute("form") TeamForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                UUID id = administration.createTeam(
                        Objects.requireNonNull(form.name()), Objects.requireNonNullElse(form.description(), ""));
                redirect.addFlashAttribute("flash", "admin.teams.created");
                return "redirect:/admin/teams/" + id;
            } catch (TeamNameTaken e) {
                result.rejectValue("name", "admin.teams.name-taken");
            }
        }
        return list(model);
    }

    @GetMapping("/admin/teams/{id}")
    String initUpdateForm(@PathVariable UUID id, Model model) {
        var team = administration.team(id);
        model.addAttribute("form", new TeamForm(team.name(), team.description()));
        model.addAttribute("member", new MemberForm(""));
        return detail(id, model);
    }

    @PostMapping("/admin/teams/{id}")
    String processUpdateForm(
            @PathVariable UUID id,
            @Valid @ModelAttribute("form") TeamForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                administration.updateTeam(
                        id, Objects.requireNonNull(form.name()), Objects.requireNonNullElse(form.description(), ""));
                redirect.addFlashAttribute("flash", "admin.teams.saved");
                return "redirect:/admin/teams/" + id;
            } catch (TeamNameTaken e) {
                result.rejectValue("name", "admin.teams.name-taken");
            }
        }
        model.addAttribute("member", new MemberForm(""));
        return detail(id, model);
    }

    @PostMapping("/admin/teams/{id}/members")
    String addMember(
            @PathVariable UUID id,
            @Valid @ModelAttribute("member") MemberForm member,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                administration.addMember(id, Objects.requireNonNull(member.email()));
                redirect.addFlashAttribute("flash", "admin.teams.member-added");
                return "redirect:/admin/teams/" + id;
            } catch (Administration.UnknownMember e) {
                result.rejectValue("email", "admin.teams.member-unknown");
            }
        }
        var team = administration.team(id);
        model.addAttribute("form", new TeamForm(team.name(), team.description()));
        return detail(id, model);
    }

    @PostMapping("/admin/teams/{id}/members/{accountId}/remove")
    String removeMember(@PathVariable UUID id, @PathVariable UUID accountId, RedirectAttributes redirect) {
        administration.removeMember(id, accountId);
        redirect.addFlashAttribute("flash", "admin.teams.member-removed");
        return "redirect:/admin/teams/" + id;
    }

    @PostMapping("/admin/teams/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        administration.deleteTeam(id);
        redirect.addFlashAttribute("flash", "admin.teams.deleted");
        return "redirect:/admin/teams";
    }

    private String list(Model model) {
        model.addAttribute("teams", administration.teams());
        return LIST;
    }

    private String detail(UUID id, Model model) {
        model.addAttribute("team", administration.team(id));
        model.addAttribute("members", administration.members(id));
        return DETAIL;
    }
}
