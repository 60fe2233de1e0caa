package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.IdeaLabels;
import io.backchannel.ideas.internal.TagNames;
import io.backchannel.identity.SignedInAccount;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff edit the tags of an idea on its page. */
@Controller
class IdeaTagsController {

    private final IdeaLabels labels;

    IdeaTagsController(IdeaLabels labels) {
        this.labels = labels;
    }

    @PostMapping("/ideas/{number}/tags")
    String retag(
            @PathVariable long number,
            @RequestParam(defaultValue = "") String tags,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        try {
            labels.retag(number, tags, account);
            redirect.addFlashAttribute("flash", "ideas.tag.saved");
        } catch (TagNames.InvalidTags e) {
            redirect.addFlashAttribute("flashError", refusal(e.reason()));
        }
        return "redirect:/ideas/" + number + "#tags";
    }

    /** The tags of a submitted form; a bad tag or too many become an error on the field. */
    static List<String> parse(@Nullable String input, BindingResult result) {
        try {
            return TagNames.parse(input == null ? "" : input);
        } catch (TagNames.InvalidTags e) {
            switch (e.reason()) {
                case INVALID -> result.rejectValue("tags", "ideas.tag.invalid", new Object[] {e.tag()}, null);
                case TOO_MANY -> result.rejectValue("tags", "ideas.tag.too-many", new Object[] {TagNames.MAX}, null);
            }
            return List.of();
        }
    }

    /** The message key that names what is wrong with the tags, without the offending tag. */
    static String refusal(TagNames.InvalidTags.Reason reason) {
        return switch (reason) {
            case INVALID -> "ideas.tag.refused.INVALID";
            case TOO_MANY -> "ideas.tag.refused.TOO_MANY";
        };
    }
}
