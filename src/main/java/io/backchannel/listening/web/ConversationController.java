package io.backchannel.listening.web;

import io.backchannel.identity.SignedInAccount;
import io.backchannel.listening.internal.CannedReplies;
import io.backchannel.listening.internal.Desk;
import io.backchannel.listening.internal.Inbox;
import io.backchannel.listening.internal.Routing;
import io.backchannel.listening.internal.Sentiment;
import io.backchannel.system.NotFoundException;
import java.util.Arrays;
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
 * One conversation for staff: the thread with history, notes and the customer's other conversations; the reply
 * composer with canned replies; notes, resolving, reopening and reassigning. Also the review queue of conversations
 * whose sentiment could not be told.
 */
@Controller
class ConversationController {

    private final Desk desk;
    private final CannedReplies canned;
    private final Inbox inbox;
    private final Routing routing;

    ConversationController(Desk desk, CannedReplies canned, Inbox inbox, Routing routing) {
        this.desk = desk;
        this.canned = canned;
        this.inbox = inbox;
        this.routing = routing;
    }

    @GetMapping("/workspace/inbox/{id}")
    String show(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String canned,
            @AuthenticationPrincipal SignedInAccount account,
            Model model) {
        var view = desk.thread(id);
        model.addAttribute("view", view);
        model.addAttribute("canned", this.canned.all());
        model.addAttribute("teams", inbox.teams());
        if (!model.containsAttribute("draft")) {
            UUID chosen = InboxFilters.uuid(canned);
            String draft = "";
            if (chosen != null) {
                try {
                    draft = this.canned.fill(chosen, view.conversation(), account.displayName());
                } catch (NotFoundException e) {
                    model.addAttribute("flashError", "listening.canned.unknown");
                }
            }
            model.addAttribute("draft", draft);
        }
        return "listening/conversation";
    }

    @PostMapping("/workspace/inbox/{id}/reply")
    String reply(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String text,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        if (text.isBlank()) {
            return refuse(id, "listening.reply.empty", text, redirect);
        }
        if (text.length() > Desk.REPLY_MAX) {
            return refuse(id, "listening.reply.too-long", text, redirect);
        }
        try {
            desk.reply(id, text, account.id());
            redirect.addFlashAttribute("flash", "listening.reply.requested");
        } catch (Desk.NothingToAnswer e) {
            return refuse(id, "listening.reply.nothing-to-answer", text, redirect);
        }
        return back(id);
    }

    @PostMapping("/workspace/inbox/{id}/notes")
    String note(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String body,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        if (body.isBlank()) {
            redirect.addFlashAttribute("flashError", "listening.note.empty");
        } else if (body.length() > Desk.NOTE_MAX) {
            redirect.addFlashAttribute("flashError", "listening.note.too-long");
        } else {
            desk.addNote(id, body, account.id());
            redirect.addFlashAttribute("flash", "listening.note.added");
        }
        return back(id) + "#notes";
    }

    @PostMapping("/workspace/inbox/{id}/resolve")
    String resolve(
            @PathVariable UUID id, @AuthenticationPrincipal SignedInAccount account, RedirectAttributes redirect) {
        desk.resolve(id, account.id());
        redirect.addFlashAttribute("flash", "listening.resolved");
        return back(id);
    }

    @PostMapping("/workspace/inbox/{id}/reopen")
    String reopen(
            @PathVariable UUID id, @AuthenticationPrincipal SignedInAccount account, RedirectAttributes redirect) {
        desk.reopen(id, account.id());
        redirect.addFlashAttribute("flash", "listening.reopened");
        return back(id);
    }

    @PostMapping("/workspace/inbox/{id}/assign")
    String assign(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String team,
            @RequestParam(defaultValue = "") String assignee,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        UUID teamId = InboxFilters.uuid(team);
        UUID assigneeId = InboxFilters.uuid(assignee);
        if (teamId == null || (!assignee.isBlank() && assigneeId == null)) {
            redirect.addFlashAttribute("flashError", "listening.assign.invalid");
            return back(id);
        }
        try {
            routing.reassign(id, teamId, assigneeId, account.id());
            redirect.addFlashAttribute("flash", "listening.assign.done");
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("flashError", "listening.assign.invalid");
        }
        return back(id);
    }

    @GetMapping("/workspace/inbox/review")
    String review(Model model) {
        model.addAttribute("items", inbox.unclear());
        model.addAttribute("sentiments", Arrays.asList(Sentiment.values()));
        return "listening/review";
    }

    @PostMapping("/workspace/inbox/{id}/sentiment")
    String correct(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String sentiment,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        var choice = Sentiment.parse(sentiment).filter(s -> s != Sentiment.UNCLEAR);
        if (choice.isEmpty()) {
            redirect.addFlashAttribute("flashError", "listening.review.invalid");
        } else {
            desk.correctSentiment(id, choice.get(), account.id());
            redirect.addFlashAttribute("flash", "listening.review.saved");
        }
        return "redirect:/workspace/inbox/review";
    }

    /** Keeps what staff wrote so that a refused reply need not be typed again. */
    private static String refuse(UUID id, String key, String text, RedirectAttributes redirect) {
        redirect.addFlashAttribute("flashError", key);
        redirect.addFlashAttribute("draft", text.length() > Desk.REPLY_MAX ? text.substring(0, Desk.REPLY_MAX) : text);
        return back(id);
    }

    private static String back(UUID id) {
        return "redirect:/workspace/inbox/" + id;
    }
}
