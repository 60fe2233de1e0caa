package io.backchannel.ideas.web;

import io.backchannel.ideas.IdeaStatus;
import io.backchannel.ideas.internal.IdeaFinder;
import io.backchannel.ideas.internal.IdeaPortal;
import io.backchannel.ideas.internal.IdeaQuery;
import io.backchannel.ideas.internal.StormSessions;
import io.backchannel.ideas.web.IdeaForms.CommentForm;
import io.backchannel.ideas.web.IdeaForms.StatusForm;
import io.backchannel.ideas.web.IdeaForms.SubmitForm;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.NotFoundException;
import io.backchannel.system.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The public portal: the list, one idea, posting, voting and commenting; and the staff's status answer. */
@Controller
class IdeasController {

    static final String LIST = "ideas/list";
    static final String NEW = "ideas/new";
    static final String SIMILAR = "ideas/similar :: similar";
    static final String DETAIL = "ideas/detail";
    static final String IN_ACTION = "ideas/in-action";

    private final IdeaFinder finder;
    private final IdeaPortal portal;
    private final RateLimits limits;
    private final StormSessions storms;

    IdeasController(IdeaFinder finder, IdeaPortal portal, RateLimits limits, StormSessions storms) {
        this.finder = finder;
        this.portal = portal;
        this.limits = limits;
        this.storms = storms;
    }

    @GetMapping("/ideas")
    String list(
            @RequestParam(defaultValue = "HOT") IdeaQuery.Sort sort,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable IdeaStatus status,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "false") boolean voted,
            @RequestParam(defaultValue = "1") int page,
            @AuthenticationPrincipal @Nullable SignedInAccount account,
            Model model) {
        var query = IdeaLists.query(sort, category, status, q, mine, voted, account);
        model.addAttribute("ideas", finder.page(query, page));
        model.addAttribute("sort", sort);
        model.addAttribute("sorts", IdeaQuery.Sort.values());
        model.addAttribute("category", query.category());
        model.addAttribute("categories", finder.categories());
        model.addAttribute("status", status);
        model.addAttribute("statuses", IdeaStatus.values());
        model.addAttribute("q", q);
        model.addAttribute("mine", mine);
        model.addAttribute("voted", voted);
        model.addAttribute("openStorms", storms.open());
        return LIST;
    }

    @GetMapping("/ideas/in-action")
    String inAction(Model model) {
        model.addAttribute("inAction", finder.inAction());
        return IN_ACTION;
    }

    /** The ideas most like a title being typed, so that people vote for an existing idea instead of repeating it. */
    @GetMapping("/ideas/similar")
    String similar(@RequestParam(defaultValue = "") String title, Model model) {
        String text = title.length() > 150 ? title.substring(0, 150) : title;
        model.addAttribute("similar", text.isBlank() ? java.util.List.of() : finder.similar(text));
        return SIMILAR;
    }

    @GetMapping("/ideas/new")
    String initSubmitForm(@RequestParam(required = false) @Nullable String storm, Model model) {
        model.addAttribute("form", SubmitForm.empty());
        model.addAttribute("categories", finder.categories());
        if (!offerStorms(storm, model)) {
            model.addAttribute("flashError", "ideas.storm.closed");
        }
        return NEW;
    }

    @PostMapping("/ideas/new")
    String processSubmitForm(
            @Valid @ModelAttribute("form") SubmitForm form,
            BindingResult result,
            @RequestParam(required = false) @Nullable String storm,
            @AuthenticationPrincipal SignedInAccount account,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        model.addAttribute("categories", finder.categories());
        offerStorms(storm, model);
        if (result.hasErrors()) {
            return NEW;
        }
        if (!allowed("idea", account, request)) {
            result.reject("rate-limit.exceeded");
            return NEW;
        }
        try {
            long number = storms.submit(
                    storm,
                    account.id(),
                    Objects.requireNonNull(form.category()),
                    Objects.requireNonNull(form.title()),
                    Objects.requireNonNull(form.description()));
            redirect.addFlashAttribute("flash", "ideas.submitted");
            return "redirect:/ideas/" + number;
        } catch (NotFoundException e) {
            result.rejectValue("category", "validation.choice");
            return NEW;
        } catch (StormSessions.StormClosed e) {
            result.reject("ideas.storm.closed");
            return NEW;
        } catch (StormSessions.WrongBoard e) {
            result.rejectValue("category", "ideas.storm.wrong-board", new Object[] {e.board()}, null);
            return NEW;
        }
    }

    /**
     * Open storm sessions an idea may join; {@code storm} is the one chosen, e.g. from the session's page. Answers
     * whether the chosen one (if any) is open.
     */
    private boolean offerStorms(@Nullable String storm, Model model) {
        var open = storms.open();
        model.addAttribute("openStorms", open);
        model.addAttribute("storm", storm);
        return storm == null
                || storm.isBlank()
                || open.stream().anyMatch(s -> s.slug().equals(storm));
    }

    @GetMapping("/ideas/{number}")
    String detail(@PathVariable long number, @AuthenticationPrincipal @Nullable SignedInAccount account, Model model) {
        model.addAttribute("idea", finder.idea(number, account == null ? null : account.id()));
        model.addAttribute("comment", CommentForm.empty());
        model.addAttribute("statuses", IdeaStatus.values());
        return DETAIL;
    }

    @PostMapping("/ideas/{number}/vote")
    String vote(
            @PathVariable long number,
            @RequestParam int value,
            @AuthenticationPrincipal SignedInAccount account,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        if (!allowed("vote", account, request)) {
            redirect.addFlashAttribute("flashError", "rate-limit.exceeded");
        } else {
            try {
                portal.vote(number, account.id(), value);
            } catch (IdeaPortal.VoteRefused e) {
                redirect.addFlashAttribute("flashError", refusal(e.reason()));
            }
        }
        return "redirect:/ideas/" + number;
    }

    @PostMapping("/ideas/{number}/comments")
    String comment(
            @PathVariable long number,
            @Valid @ModelAttribute("comment") CommentForm form,
            BindingResult result,
            @AuthenticationPrincipal SignedInAccount account,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors() && !allowed("comment", account, request)) {
            result.reject("rate-limit.exceeded");
        }
        if (result.hasErrors()) {
            model.addAttribute("idea", finder.idea(number, account.id()));
            model.addAttribute("statuses", IdeaStatus.values());
            return DETAIL;
        }
        portal.comment(number, account.id(), Objects.requireNonNull(form.body()), account.staff());
        redirect.addFlashAttribute("flash", "ideas.commented");
        return "redirect:/ideas/" + number + "#comments";
    }

    @PostMapping("/ideas/{number}/status")
    String changeStatus(
            @PathVariable long number,
            @Valid StatusForm form,
            BindingResult result,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            redirect.addFlashAttribute("flashError", "ideas.status.invalid");
            return "redirect:/ideas/" + number;
        }
        try {
            portal.changeStatus(
                    number,
                    Objects.requireNonNull(form.status()),
                    Objects.requireNonNullElse(form.explanation(), ""),
                    account.id());
            redirect.addFlashAttribute("flash", "ideas.status.changed");
        } catch (IdeaPortal.ExplanationRequired e) {
            redirect.addFlashAttribute("flashError", "ideas.status.explanation-required");
        }
        return "redirect:/ideas/" + number;
    }

    private static String refusal(IdeaPortal.VoteRefused.Reason reason) {
        return switch (reason) {
            case INVALID -> "ideas.vote.refused.INVALID";
            case CLOSED -> "ideas.vote.refused.CLOSED";
            case UP_ONLY -> "ideas.vote.refused.UP_ONLY";
        };
    }

    /** Public writes are limited per account and per client address. */
    private boolean allowed(String action, SignedInAccount account, HttpServletRequest request) {
        return limits.tryAcquire(action, account.id().toString()) && limits.tryAcquire(action, request.getRemoteAddr());
    }
}
