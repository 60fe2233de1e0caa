package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.IdeaSubscriptions;
import io.backchannel.ideas.internal.NotificationSettings;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Following ideas: the subscribe button on an idea, the account's mail settings, and the one-click unsubscribe link
 * of every mail (no login: the signed token is the protection, so that path alone skips CSRF).
 */
@Controller
class SubscriptionsController {

    static final String SETTINGS = "ideas/notifications";
    static final String UNSUBSCRIBE = "ideas/unsubscribe";

    private final IdeaSubscriptions subscriptions;
    private final RateLimits limits;

    SubscriptionsController(IdeaSubscriptions subscriptions, RateLimits limits) {
        this.subscriptions = subscriptions;
        this.limits = limits;
    }

    @PostMapping("/ideas/{number}/subscription")
    String choose(
            @PathVariable long number,
            @RequestParam boolean subscribed,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        if (!limits.tryAcquire("subscription", account.id().toString())) {
            redirect.addFlashAttribute("flashError", "rate-limit.exceeded");
        } else {
            subscriptions.choose(number, account.id(), subscribed);
            redirect.addFlashAttribute("flash", subscribed ? "ideas.subscription.on" : "ideas.subscription.off");
        }
        return "redirect:/ideas/" + number;
    }

    @GetMapping("/ideas/notifications")
    String settings(@AuthenticationPrincipal SignedInAccount account, Model model) {
        model.addAttribute("settings", subscriptions.settings(account.id()));
        return SETTINGS;
    }

    /** Unchecked boxes are not sent at all, so a missing field means "off". */
    @PostMapping("/ideas/notifications")
    String saveSettings(
            @RequestParam(defaultValue = "false") boolean statusMails,
            @RequestParam(defaultValue = "false") boolean answerMails,
            @RequestParam(defaultValue = "false") boolean followParticipation,
            @AuthenticationPrincipal SignedInAccount account,
            RedirectAttributes redirect) {
        subscriptions.saveSettings(
                account.id(), new NotificationSettings(statusMails, answerMails, followParticipation));
        redirect.addFlashAttribute("flash", "ideas.notifications.saved");
        return "redirect:/ideas/notifications";
    }

    /** The link in the mail: asks before unsubscribing, since link scanners open every link they see. */
    @GetMapping("/ideas/unsubscribe/{token}")
    String confirmUnsubscribe(@PathVariable String token, HttpServletResponse response, Model model) {
        return unsubscribePage(token, subscriptions.check(token), false, response, model);
    }

    /** The page's button, and mail clients' one-click POST (RFC 8058), which sends no cookies. */
    @PostMapping("/ideas/unsubscribe/{token}")
    String unsubscribe(
            @PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!limits.tryAcquire("unsubscribe", request.getRemoteAddr())) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("flashError", "rate-limit.exceeded");
            return unsubscribePage(token, subscriptions.check(token), false, response, model);
        }
        return unsubscribePage(token, subscriptions.unsubscribe(token), true, response, model);
    }

    private static String unsubscribePage(
            String token,
            IdeaSubscriptions.UnsubscribeLink link,
            boolean done,
            HttpServletResponse response,
            Model model) {
        if (link.state() != IdeaSubscriptions.LinkState.VALID) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("token", token);
        model.addAttribute("link", link);
        model.addAttribute("done", done && link.state() == IdeaSubscriptions.LinkState.VALID);
        return UNSUBSCRIBE;
    }
}
