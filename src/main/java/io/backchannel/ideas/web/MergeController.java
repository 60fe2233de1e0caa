package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.IdeaMerges;
import io.backchannel.identity.SignedInAccount;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff merge a duplicate into another idea from the duplicate's page. */
@Controller
class MergeController {

    static final int NOTE_MAX = 2000;

    private final IdeaMerges merges;

    MergeController(IdeaMerges merges) {
        this.merges = merges;
    }

    @PostMapping("/ideas/{number}/merge")
    String merge(
            @PathVariable long number,
            @RequestParam(defaultValue = "") String into,
            @RequestParam(defaultValue = "") String note,
            @AuthenticationPrincipal SignedInAccount account,
            Locale locale,
            RedirectAttributes redirect) {
        long survivor = parse(into);
        if (survivor <= 0) {
            redirect.addFlashAttribute("flashError", "ideas.merge.invalid-number");
        } else if (note.length() > NOTE_MAX) {
            redirect.addFlashAttribute("flashError", "ideas.merge.note-too-long");
        } else {
            try {
                merges.merge(number, survivor, note, account, locale);
                redirect.addFlashAttribute("flash", "ideas.merge.done");
                return "redirect:/ideas/" + survivor;
            } catch (IdeaMerges.MergeRefused e) {
                redirect.addFlashAttribute("flashError", refusal(e.reason()));
            }
        }
        return "redirect:/ideas/" + number;
    }

    /** "#12", "12" or " 12 " name idea 12; anything else is no idea number. */
    private static long parse(String into) {
        String digits = into.strip().replaceFirst("^#", "");
        if (!digits.matches("[0-9]{1,18}")) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    static String refusal(IdeaMerges.MergeRefused.Reason reason) {
        return switch (reason) {
            case SAME -> "ideas.merge.refused.SAME";
            case UNKNOWN -> "ideas.merge.refused.UNKNOWN";
            case ALREADY_MERGED -> "ideas.merge.refused.ALREADY_MERGED";
            case SURVIVOR_MERGED -> "ideas.merge.refused.SURVIVOR_MERGED";
        };
    }
}
