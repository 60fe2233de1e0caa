package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.Moderation;
import io.backchannel.identity.SignedInAccount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The staff's moderation queue: waiting ideas, flagged comments and blocked authors (under /workspace: staff). */
@Controller
class ModerationController {

    static final String VIEW = "ideas/moderation";
    static final String QUEUE = "redirect:/workspace/ideas/moderation";

    private final Moderation moderation;

    ModerationController(Moderation moderation) {
        this.moderation = moderation;
    }

    @GetMapping("/workspace/ideas/moderation")
    String queue(Model model) {
        model.addAttribute("queue", moderation.queue());
        return VIEW;
    }

    @PostMapping("/workspace/ideas/moderation/ideas/{number}/approve")
    String approve(@PathVariable long number, RedirectAttributes redirect) {
        moderation.approve(number);
        redirect.addFlashAttribute("flash", "ideas.moderation.approved");
        return QUEUE;
    }

    @PostMapping("/workspace/ideas/moderation/ideas/{number}/decline")
    String decline(
            @PathVariable long number, @Valid DeclineForm form, BindingResult result, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            redirect.addFlashAttribute("flashError", "ideas.moderation.reason-required");
            return QUEUE;
        }
        moderation.decline(number, Objects.requireNonNull(form.reason()));
        redirect.addFlashAttribute("flash", "ideas.moderation.declined");
        return QUEUE;
    }

    @PostMapping("/workspace/ideas/moderation/blocked")
    String block(
            @RequestParam UUID account, @AuthenticationPrincipal SignedInAccount staff, RedirectAttributes redirect) {
        moderation.block(account, staff.id());
        redirect.addFlashAttribute("flash", "ideas.moderation.author-blocked");
        return QUEUE;
    }

    @PostMapping("/workspace/ideas/moderation/blocked/{account}/unblock")
    String unblock(@PathVariable UUID account, RedirectAttributes redirect) {
        moderation.unblock(account);
        redirect.addFlashAttribute("flash", "ideas.moderation.author-unblocked");
        return QUEUE;
    }

    @PostMapping("/workspace/ideas/moderation/comments/{id}/hide")
    String hide(@PathVariable UUID id, RedirectAttributes redirect) {
        moderation.hide(id);
        redirect.addFlashAttribute("flash", "ideas.moderation.comment-hidden");
        return QUEUE;
    }

    @PostMapping("/workspace/ideas/moderation/comments/{id}/keep")
    String keep(@PathVariable UUID id, RedirectAttributes redirect) {
        moderation.keep(id);
        redirect.addFlashAttribute("flash", "ideas.moderation.comment-kept");
        return QUEUE;
    }

    record DeclineForm(
            @NotBlank(message = "{validation.required}") @Size(max = 2000, message = "{validation.too-long}") @Nullable
                    String reason) {}
}
