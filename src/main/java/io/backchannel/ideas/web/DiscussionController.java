package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.Discussion;
import io.backchannel.ideas.web.IdeaForms.CommentForm;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Objects;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Replies, edits and flags on comments; and staff promoting a comment to an extension of its idea. */
@Controller
class DiscussionController {

    static final String FORM = "ideas/comment-form";

    private final Discussion discussion;
    private final RateLimits limits;

    DiscussionController(Discussion discussion, RateLimits limits) {
        this.discussion = discussion;
        this.limits = limits;
    }

    @PostMapping("/ideas/{number}/comments/{id}/replies")
    String reply(
            @PathVariable long number,
            @PathVariable UUID id,
            @Valid @ModelAttribute("comment") CommentForm form,
            BindingResult result,
            @AuthenticationPrincipal SignedInAccount account,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors() && !allowed(account, request)) {
            result.reject("rate-limit.exceeded");
        }
        if (result.hasErrors()) {
            return form(model, number, id, false);
        }
        UUID reply = discussion.reply(number, id, account.id(), Objects.requireNonNull(form.body()), account.staff());
        redirect.addFlashAttribute("flash", "ideas.comment.replied");
        return "redirect:/ideas/" + number + "#comment-" + reply;
    }

    @GetMapping("/ideas/{number}/comments/{id}/edit")
    String initEditForm(
            @PathVariable long number,
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInAccount account,
            Model model,
            RedirectAttributes redirect) {
        try {
            model.addAttribute("comment", new CommentForm(discussion.editable(number, id, account.id())));
            return form(model, number, id, true);
        } catch (Discussion.CommentRefused e) {
            return refused(number, e, redirect);
        }
    }

    @PostMapping("/ideas/{number}/comments/{id}/edit")
    String processEditForm(
            @PathVariable long number,
            @PathVariable UUID id,
            @Valid @ModelAttribute("comment") CommentForm form,
            BindingResult result,
            @AuthenticationPrincipal SignedInAccount account,
            Model model,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return form(model, number, id, true);
        }
        try {
            discussion.edit(number, id, account.id(), Objects.requireNonNull(form.body()));
        } catch (Discussion.CommentRefused e) {
            return refused(number, e, redirect);
        }
        redirect.addFlashAttribute("flash", "ideas.comment.edited");
        return "redirect:/ideas/" + number + "#comment-" + id;
    }

    @PostMapping("/ideas/{number}/comments/{id}/flag")
    String flag(
            @PathVariable long number,
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInAccount account,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        if (!allowed(account, request)) {
            redirect.addFlashAttribute("flashError", "rate-limit.exceeded");
            return "redirect:/ideas/" + number;
        }
        try {
            discussion.flag(number, id, account.id());
        } catch (Discussion.CommentRefused e) {
            return refused(number, e, redirect);
        }
        redirect.addFlashAttribute("flash", "ideas.flag.done");
        return "redirect:/ideas/" + number + "#comment-" + id;
    }

    @PostMapping("/workspace/ideas/comments/{id}/extension")
    String extend(
            @PathVariable UUID id, @AuthenticationPrincipal SignedInAccount account, RedirectAttributes redirect) {
        long number = discussion.ideaOf(id);
        try {
            discussion.extend(id, account.id());
        } catch (Discussion.CommentRefused e) {
            return refused(number, e, redirect);
        }
        redirect.addFlashAttribute("flash", "ideas.extension.added");
        return "redirect:/ideas/" + number + "#extensions";
    }

    @PostMapping("/workspace/ideas/comments/{id}/extension/withdraw")
    String withdraw(@PathVariable UUID id, RedirectAttributes redirect) {
        long number = discussion.withdrawExtension(id);
        redirect.addFlashAttribute("flash", "ideas.extension.withdrawn");
        return "redirect:/ideas/" + number + "#comment-" + id;
    }

    private static String form(Model model, long number, UUID id, boolean editing) {
        model.addAttribute("number", number);
        model.addAttribute("commentId", id);
        model.addAttribute("editing", editing);
        return FORM;
    }

    private static String refused(long number, Discussion.CommentRefused e, RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "flashError",
                switch (e.reason()) {
                    case NOT_AUTHOR -> "ideas.comment.refused.NOT_AUTHOR";
                    case WINDOW_OVER -> "ideas.comment.refused.WINDOW_OVER";
                    case HIDDEN -> "ideas.comment.refused.HIDDEN";
                    case OWN_COMMENT -> "ideas.flag.refused.OWN_COMMENT";
                    case ALREADY_FLAGGED -> "ideas.flag.refused.ALREADY_FLAGGED";
                });
        return "redirect:/ideas/" + number + "#comments";
    }

    /** Replies and flags are public writes, limited per account and per client address. */
    private boolean allowed(SignedInAccount account, HttpServletRequest request) {
        return limits.tryAcquire("comment", account.id().toString())
                && limits.tryAcquire("comment", request.getRemoteAddr());
    }
}
