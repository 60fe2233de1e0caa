package io.backchannel.listening.web;

import io.backchannel.identity.SignedInAccount;
import io.backchannel.listening.internal.InboxIdeas;
import io.backchannel.listening.internal.Refused;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Turns a conversation into an idea on the portal (staff only, under /workspace). */
@Controller
class InboxIdeaController {

    private final InboxIdeas ideas;

    InboxIdeaController(InboxIdeas ideas) {
        this.ideas = ideas;
    }

    @PostMapping("/workspace/inbox/{id}/idea")
    String create(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String board,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String text,
            @RequestParam(defaultValue = "false") boolean tell,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        UUID boardId = InboxFilters.uuid(board);
        try {
            if (boardId == null) {
                throw new Refused("listening.idea.board-invalid");
            }
            var created = ideas.create(id, boardId, title, text, tell, account.id());
            redirect.addFlashAttribute(
                    "flash",
                    !created.isNew()
                            ? "listening.idea.exists"
                            : created.told() ? "listening.idea.created-told" : "listening.idea.created");
        } catch (Refused e) {
            redirect.addFlashAttribute("flashError", e.key());
            redirect.addFlashAttribute(
                    "ideaDraft",
                    new InboxIdeas.Draft(clip(title, InboxIdeas.TITLE_MAX), clip(text, InboxIdeas.BODY_MAX)));
        }
        return "redirect:/workspace/inbox/" + id + "#idea";
    }

    private static String clip(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
