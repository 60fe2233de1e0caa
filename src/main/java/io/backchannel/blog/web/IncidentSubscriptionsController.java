package io.backchannel.blog.web;

import io.backchannel.blog.internal.IncidentDesk;
import io.backchannel.blog.internal.IncidentRefused;
import io.backchannel.blog.internal.IncidentSubscriptions;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
 * Following an incident by e-mail: the form (a page of its own, so that the much-read incident page carries no CSRF
 * token and opens no session), the guest's confirmation link, and the one-click unsubscribe link of every update mail.
 * The two links work without a login: their signed token is the protection, so their POSTs skip CSRF.
 */
@Controller
class IncidentSubscriptionsController {

    static final String FORM = "blog/incidents/subscribe";
    static final String LINK = "blog/incidents/link";
    static final String CONFIRM = "confirm";
    static final String LINKS = "/blog/incidents/{action:confirm|unsubscribe}/{token}";

    private final IncidentSubscriptions subscriptions;
    private final IncidentDesk desk;
    private final RateLimits limits;

    IncidentSubscriptionsController(IncidentSubscriptions subscriptions, IncidentDesk desk, RateLimits limits) {
        this.subscriptions = subscriptions;
        this.desk = desk;
        this.limits = limits;
    }

    @GetMapping("/blog/incidents/{number:\\d+}/subscribe")
    String form(@PathVariable long number, Locale locale, Model model) {
        return form(number, "", Map.of(), locale, model);
    }

    @PostMapping("/blog/incidents/{number:\\d+}/subscriptions")
    String subscribe(
            @PathVariable long number,
            @RequestParam(defaultValue = "") String email,
            @AuthenticationPrincipal @Nullable SignedInAccount account,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        String client = account == null ? request.getRemoteAddr() : account.id().toString();
        if (!limits.tryAcquire("incident-subscription", client)) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("flashError", "rate-limit.exceeded");
            return form(number, email, Map.of(), locale, model);
        }
        try {
            var outcome = subscriptions.subscribe(number, account, email, locale);
            redirect.addFlashAttribute(
                    "flash",
                    outcome == IncidentSubscriptions.Outcome.SUBSCRIBED
                            ? "blog.incident.subscribe.done"
                            : "blog.incident.subscribe.check-mail");
            return "redirect:/blog/incidents/" + number;
        } catch (IncidentRefused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(number, email, refused.errors(), locale, model);
        }
    }

    /**
     * The links in the mails, to confirm a guest's address or to stop the mails: asks before acting, since link
     * scanners open every link they see.
     */
    @GetMapping(LINKS)
    String link(
            @PathVariable String action,
            @PathVariable String token,
            Locale locale,
            HttpServletResponse response,
            Model model) {
        return link(action, token, check(action, token), false, locale, response, model);
    }

    /** The page's button, and for unsubscribing mail clients' one-click POST (RFC 8058), which sends no cookies. */
    @PostMapping(LINKS)
    String use(
            @PathVariable String action,
            @PathVariable String token,
            HttpServletRequest request,
            Locale locale,
            HttpServletResponse response,
            Model model) {
        if (!limits.tryAcquire("incident-" + action, request.getRemoteAddr())) {
            String view = link(action, token, check(action, token), false, locale, response, model);
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("flashError", "rate-limit.exceeded");
            return view;
        }
        var link = CONFIRM.equals(action) ? subscriptions.confirm(token) : subscriptions.unsubscribe(token);
        return link(action, token, link, true, locale, response, model);
    }

    private IncidentSubscriptions.Link check(String action, String token) {
        return CONFIRM.equals(action) ? subscriptions.checkConfirmation(token) : subscriptions.checkUnsubscribe(token);
    }

    private String form(long number, String email, Map<String, String> errors, Locale locale, Model model) {
        model.addAttribute("incident", desk.incident(number));
        model.addAttribute("email", email);
        model.addAttribute("errors", errors);
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("primary", desk.primaryLanguage());
        return FORM;
    }

    private String link(
            String action,
            String token,
            IncidentSubscriptions.Link link,
            boolean done,
            Locale locale,
            HttpServletResponse response,
            Model model) {
        if (link.state() != IncidentSubscriptions.State.VALID) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("action", action);
        model.addAttribute("token", token);
        model.addAttribute("link", link);
        model.addAttribute("done", done && link.state() == IncidentSubscriptions.State.VALID);
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("primary", desk.primaryLanguage());
        return LINK;
    }
}
