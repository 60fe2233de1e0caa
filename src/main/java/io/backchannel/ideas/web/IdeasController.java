package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.Discussion;
import io.backchannel.ideas.internal.IdeaFinder;
import io.backchannel.ideas.internal.IdeaLabels;
import io.backchannel.ideas.internal.IdeaMerges;
import io.backchannel.ideas.internal.IdeaPages;
import io.backchannel.ideas.internal.IdeaPortal;
import io.backchannel.ideas.internal.IdeaQuery;
import io.backchannel.ideas.internal.IdeaStatuses;
import io.backchannel.ideas.internal.StormSessions;
import io.backchannel.ideas.internal.Triage;
import io.backchannel.ideas.internal.VoteBudgets;
import io.backchannel.ideas.web.IdeaForms.CommentForm;
import io.backchannel.ideas.web.IdeaForms.StatusForm;
import io.backchannel.ideas.web.IdeaForms.SubmitForm;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.NotFoundException;
import io.backchannel.system.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
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
    private final IdeaLabels labels;
    private final IdeaPortal portal;
    private final RateLimits limits;
    private final IdeaStatuses statuses;
    private final Triage triage;
    private final IdeaPages pages;
    private final Discussion discussion;
    private final VoteBudgets budgets;
    private final VoteOrigins origins;
    private final StormSessions storms;

    IdeasController(
            IdeaFinder finder,
            IdeaLabels labels,
            IdeaPortal portal,
            RateLimits limits,
            IdeaStatuses statuses,
            Triage triage,
            IdeaPages pages,
            Discussion discussion,
            VoteBudgets budgets,
            VoteOrigins origins,
            StormSessions storms) {
        this.finder = finder;
        this.labels = labels;
        this.portal = portal;
        this.limits = limits;
        this.statuses = statuses;
        this.triage = triage;
        this.pages = pages;
        this.discussion = discussion;
        this.budgets = budgets;
        this.origins = origins;
        this.storms = storms;
    }

    @GetMapping("/ideas")
    String list(
            @RequestParam(defaultValue = "HOT") IdeaQuery.Sort sort,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(required = false) @Nullable String language,
            @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "false") boolean voted,
            @RequestParam(defaultValue = "1") int page,
            @AuthenticationPrincipal @Nullable SignedInAccount account,
            Model model) {
        var choice = statuses.parse(status).orElse(null);
        var query = IdeaLists.query(sort, category, choice, q, tag, language, mine, voted, account);
        model.addAttribute("ideas", finder.page(query, page));
        model.addAttribute("sort", sort);
        model.addAttribute("sorts", IdeaQuery.Sort.values());
        model.addAttribute("category", query.category());
        model.addAttribute("categories", finder.categories());
        model.addAttribute("status", choice == null ? null : status);
        model.addAttribute("statuses", statuses.options());
        model.addAttribute("q", q);
        model.addAttribute("mine", mine);
        model.addAttribute("voted", voted);
        addBudget(account, query.category(), model);
        model.addAttribute("tag", query.tag());
        model.addAttribute("language", query.language());
        model.addAttribute("popularTags", labels.popularTags());
        model.addAttribute("languages", labels.languages());
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
        List<String> tags = IdeaTagsController.parse(form.tags(), result);
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
                    Objects.requireNonNull(form.description()),
                    tags);
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
        var idea = show(number, account, model).idea();
        addBudget(account, idea.categorySlug(), model);
        model.addAttribute("comment", CommentForm.empty());
        if (account != null && account.staff()) {
            model.addAttribute("statuses", statuses.options());
            model.addAttribute("staffBox", triage.staffBox(number));
        }
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
                portal.vote(number, account.id(), value, origins.of(request));
            } catch (IdeaPortal.VoteRefused e) {
                redirect.addFlashAttribute("flashError", VoteRefusals.messageKey(e.reason()));
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
            show(number, account, model);
            model.addAttribute("statuses", statuses.options());
            return DETAIL;
        }
        discussion.comment(number, account.id(), Objects.requireNonNull(form.body()), account.staff());
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
        var choice = statuses.parse(form.status());
        if (choice.isEmpty()) {
            redirect.addFlashAttribute("flashError", "ideas.status.invalid");
            return "redirect:/ideas/" + number;
        }
        try {
            portal.changeStatus(number, choice.get(), Objects.requireNonNullElse(form.explanation(), ""), account.id());
            redirect.addFlashAttribute("flash", "ideas.status.changed");
        } catch (IdeaPortal.ExplanationRequired e) {
            redirect.addFlashAttribute("flashError", "ideas.status.explanation-required");
        } catch (IdeaMerges.MergeRefused e) {
            redirect.addFlashAttribute("flashError", MergeController.refusal(e.reason()));
        }
        return "redirect:/ideas/" + number;
    }

    /** The idea with its discussion, merge notes ("merged into", "merged from") and the subscribe button's state. */
    private IdeaPages.Shown show(long number, @Nullable SignedInAccount account, Model model) {
        var shown = pages.page(number, account == null ? null : account.id());
        model.addAttribute("idea", shown.idea());
        model.addAttribute("discussion", shown.discussion());
        model.addAttribute("merges", shown.merges());
        model.addAttribute("subscribed", shown.subscribed());
        return shown;
    }

    /** The signed-in person's remaining votes, when the board shown has a vote budget. */
    private void addBudget(@Nullable SignedInAccount account, @Nullable String categorySlug, Model model) {
        if (account != null && categorySlug != null) {
            budgets.onBoard(account.id(), categorySlug).ifPresent(budget -> model.addAttribute("budget", budget));
        }
    }

    /** Public writes are limited per account and per client address. */
    private boolean allowed(String action, SignedInAccount account, HttpServletRequest request) {
        return limits.tryAcquire(action, account.id().toString()) && limits.tryAcquire(action, request.getRemoteAddr());
    }
}
