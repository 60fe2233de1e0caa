package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.AuthorBlocked;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A blocked account that tries to take part is sent back, to the idea it acted on, with a message saying why. */
@ControllerAdvice(assignableTypes = {IdeasController.class, DiscussionController.class})
class BlockedAdvice {

    private static final Pattern IDEA = Pattern.compile("^/ideas/(\\d+)/.*");

    @ExceptionHandler(AuthorBlocked.class)
    String blocked(HttpServletRequest request, RedirectAttributes redirect) {
        redirect.addFlashAttribute("flashError", "ideas.moderation.blocked");
        var idea = IDEA.matcher(
                request.getRequestURI().substring(request.getContextPath().length()));
        return idea.matches() ? "redirect:/ideas/" + idea.group(1) : "redirect:/ideas";
    }
}
