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

    /** The link in the confirmation mail: asks before confirming, since link scanners open every link they see. */
    @GetMapping("/blog/incidents/confirm/{token}")
    String confirmation(@PathVariable String token, Locale locale, HttpServletResponse response, Model model) {
        return link("confirm", token, subscriptions.checkConfirmation(token), false, locale, response, model);
    }

    @PostMapping("/blog/incidents/confirm/{token}")
    String confirm(
            @PathVariable String token,
            HttpServletRequest request,
            Locale locale,
            HttpServletResponse response,
            Model model) {
        if (!limits.tryAcquire("incident-confirm", request.getRemoteAddr())) {
            return refuse(response, model, "confirm", token, subscriptions.checkConfirmation(token), locale);
        }
        return link("confirm", token, subscriptions.confirm(token), true, locale, response, model);
    }

    /** The link in every update mail: asks before unsubscribing, since link scanners open every link they see. */
    @GetMapping("/blog/incidents/unsubscribe/{token}")
    String unsubscription(@PathVariable String token, Locale locale, HttpServletResponse response, Model model) {
        return link("unsubscribe", token, subscriptions.checkUnsubscribe(token), false, locale, response, model);
    }

    /** The page's button, and mail clients' one-click POST (RFC 8058), which sends no cookies. */
    @PostMapping("/blog/incidents/unsubscribe/{token}")
    String unsubscribe(
            @PathVariable String token,
            HttpServletRequest request,
            Locale locale,
            HttpServletResponse response,
            Model model) {
        if (!limits.tryAcquire("incident-unsubscribe", request.getRemoteAddr())) {
            return refuse(response, model, "unsubscribe", token, subscriptions.checkUnsubscribe(token), locale);
        }
        return link("unsubscribe", token, subscriptions.unsubscribe(token), true, locale, response, model);
    }

    private String refuse(
            HttpServletResponse response,
            Model model,
            String action,
            String token,
            IncidentSubscriptions.Link link,
            Locale locale) {
        String view = link(action, token, link, false, locale, response, model);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        model.addAttribute("flashError", "rate-limit.exceeded");
        return view;
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
