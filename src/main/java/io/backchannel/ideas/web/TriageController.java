package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.Categories;
import io.backchannel.ideas.internal.IdeaPortal;
import io.backchannel.ideas.internal.IdeaStatuses;
import io.backchannel.ideas.internal.Triage;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff's triage (under /workspace, so staff only): the queue of new ideas awaiting acknowledgement, acknowledging,
 * assigning to a team, the same status for several ideas at once, and internal notes on an idea.
 */
@Controller
class TriageController {

    static final String VIEW = "ideas/triage";
    static final String QUEUE = "redirect:/workspace/ideas/triage";
    static final int NOTE_MAX = 5000;
    static final int EXPLANATION_MAX = 2000;

    private final Triage triage;
    private final IdeaPortal portal;
    private final IdeaStatuses statuses;
    private final Categories categories;

    TriageController(Triage triage, IdeaPortal portal, IdeaStatuses statuses, Categories categories) {
        this.triage = triage;
        this.portal = portal;
        this.statuses = statuses;
        this.categories = categories;
    }

    @GetMapping("/workspace/ideas/triage")
    String queue(
            @RequestParam(required = false) @Nullable String board,
            @RequestParam(required = false) @Nullable String team,
            @RequestParam(defaultValue = "false") boolean overdue,
            Model model) {
        UUID teamId = uuid(team).orElse(null);
        model.addAttribute("queue", triage.queue(board, teamId, overdue));
        model.addAttribute("board", board == null || board.isBlank() ? null : board);
        model.addAttribute("team", teamId);
        model.addAttribute("overdue", overdue);
        model.addAttribute("boards", categories.all());
        model.addAttribute("teams", triage.teams());
        model.addAttribute("statuses", statuses.options());
        return VIEW;
    }

    @PostMapping("/workspace/ideas/{number}/acknowledge")
    String acknowledge(
            @PathVariable long number,
            @RequestParam(defaultValue = "") String from,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        triage.acknowledge(number, account.id());
        redirect.addFlashAttribute("flash", "ideas.triage.acknowledged");
        return "idea".equals(from) ? "redirect:/ideas/" + number : QUEUE;
    }

    @PostMapping("/workspace/ideas/{number}/team")
    String assign(
            @PathVariable long number, @RequestParam(defaultValue = "") String team, RedirectAttributes redirect) {
        assign(List.of(number), team, redirect);
        return "redirect:/ideas/" + number;
    }

    @PostMapping("/workspace/ideas/bulk/team")
    String assignAll(
            @RequestParam(name = "idea", required = false) @Nullable List<String> ideas,
            @RequestParam(defaultValue = "") String team,
            RedirectAttributes redirect) {
        selection(ideas, redirect).ifPresent(numbers -> assign(numbers, team, redirect));
        return QUEUE;
    }

    @PostMapping("/workspace/ideas/bulk/status")
    String changeAll(
            @RequestParam(name = "idea", required = false) @Nullable List<String> ideas,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String explanation,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        var numbers = selection(ideas, redirect);
        if (numbers.isEmpty()) {
            return QUEUE;
        }
        var choice = statuses.parse(status);
        if (choice.isEmpty()) {
            redirect.addFlashAttribute("flashError", "ideas.status.invalid");
        } else if (explanation.length() > EXPLANATION_MAX) {
            redirect.addFlashAttribute("flashError", "ideas.bulk.explanation-too-long");
        } else {
            try {
                portal.changeStatuses(numbers.get(), choice.get(), explanation, account.id());
                redirect.addFlashAttribute("flash", "ideas.bulk.changed");
            } catch (IdeaPortal.ExplanationRequired e) {
                redirect.addFlashAttribute("flashError", "ideas.status.explanation-required");
            } catch (NotFoundException e) {
                redirect.addFlashAttribute("flashError", "ideas.bulk.invalid");
            }
        }
        return QUEUE;
    }

    @PostMapping("/workspace/ideas/{number}/notes")
    String addNote(
            @PathVariable long number,
            @RequestParam(defaultValue = "") String body,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        if (body.isBlank()) {
            redirect.addFlashAttribute("flashError", "ideas.notes.empty");
        } else if (body.length() > NOTE_MAX) {
            redirect.addFlashAttribute("flashError", "ideas.notes.too-long");
        } else {
            triage.addNote(number, account.id(), body);
            redirect.addFlashAttribute("flash", "ideas.notes.added");
        }
        return "redirect:/ideas/" + number + "#notes";
    }

    private void assign(List<Long> numbers, String team, RedirectAttributes redirect) {
        var teamId = uuid(team);
        if (!team.isBlank() && teamId.isEmpty()) {
            redirect.addFlashAttribute("flashError", "ideas.triage.team-unknown");
            return;
        }
        try {
            triage.assign(numbers, teamId.orElse(null));
            redirect.addFlashAttribute("flash", "ideas.triage.assigned");
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("flashError", "ideas.triage.team-unknown");
        }
    }

    /** The ideas ticked in the queue, by number; none, too many or a malformed one is refused with a message. */
    private static Optional<List<Long>> selection(@Nullable List<String> ideas, RedirectAttributes redirect) {
        if (ideas == null || ideas.isEmpty()) {
            redirect.addFlashAttribute("flashError", "ideas.bulk.none");
            return Optional.empty();
        }
        if (ideas.size() > Triage.BULK) {
            redirect.addFlashAttribute("flashError", "ideas.bulk.too-many");
            return Optional.empty();
        }
        var numbers = new ArrayList<Long>();
        for (String idea : ideas) {
            try {
                numbers.add(Long.parseLong(idea.strip()));
            } catch (NumberFormatException e) {
                redirect.addFlashAttribute("flashError", "ideas.bulk.invalid");
                return Optional.empty();
            }
        }
        return Optional.of(numbers);
    }

    private static Optional<UUID> uuid(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
