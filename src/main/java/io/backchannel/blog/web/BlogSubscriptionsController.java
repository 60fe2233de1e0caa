package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogComments;
import io.backchannel.blog.internal.BlogSubscriptions;
import io.backchannel.identity.SignedInAccount;
import io.backchannel.system.KeyedHashes;
import io.backchannel.system.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.UUID;
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
 * Subscribing by e-mail to a post's comments or a category's new posts, confirming a guest's subscription, and the
 * one-click unsubscribe link of every mail (no login: the signed token is the protection, so that path alone skips
 * CSRF). Links in mails only show a page with a button, since link scanners open every link they see.
 */
@Controller
class BlogSubscriptionsController {

    static final String SUBSCRIBE = "blog/subscribe-page";
    static final String LINK = "blog/subscription-link";

    private final BlogSubscriptions subscriptions;
    private final BlogComments comments;
    private final RateLimits limits;
    private final KeyedHashes hashes;

    BlogSubscriptionsController(
            BlogSubscriptions subscriptions, BlogComments comments, RateLimits limits, KeyedHashes hashes) {
        this.subscriptions = subscriptions;
        this.comments = comments;
        this.limits = limits;
        this.hashes = hashes;
    }

    @GetMapping("/blog/subscribe")
    String subscribePage(@RequestParam(required = false) @Nullable String category, Model model) {
        var categories = subscriptions.categories();
        model.addAttribute("categories", categories);
        model.addAttribute("category", categories.contains(category) ? category : null);
        return SUBSCRIBE;
    }

    /** The form of the comments section: follow the post's comments; back to them with a note next to the form. */
    @PostMapping(path = "/blog/subscriptions", params = "post")
    String toPost(
            @RequestParam UUID post,
            @RequestParam(defaultValue = "") String email,
            @AuthenticationPrincipal @Nullable SignedInAccount account,
            HttpServletRequest request,
            Locale locale,
            RedirectAttributes redirect) {
        var target = comments.post(post);
        if (!allowed(account, request)) {
            redirect.addFlashAttribute("subscriptionError", "rate-limit.exceeded");
        } else {
            note(subscriptions.toPost(post, account == null ? null : account.id(), email, locale), redirect);
        }
        return "redirect:" + CommentsController.comments(target) + "#blog-comments-subscribe";
    }

    @PostMapping(path = "/blog/subscriptions", params = "category")
    String toCategory(
            @RequestParam String category,
            @RequestParam(defaultValue = "") String email,
            @AuthenticationPrincipal @Nullable SignedInAccount account,
            HttpServletRequest request,
            Locale locale,
            RedirectAttributes redirect) {
        if (!subscriptions.categories().contains(category)) {
            redirect.addFlashAttribute("subscriptionError", "blog.subscriptions.unknown-category");
            return "redirect:/blog/subscribe";
        }
        if (!allowed(account, request)) {
            redirect.addFlashAttribute("subscriptionError", "rate-limit.exceeded");
        } else {
            note(subscriptions.toCategory(category, account == null ? null : account.id(), email, locale), redirect);
        }
        return "redirect:/blog/subscribe?category=" + category;
    }

    @GetMapping("/blog/subscriptions/confirm/{token}")
    String confirmPage(@PathVariable String token, HttpServletResponse response, Model model) {
        return linkPage(true, token, subscriptions.checkConfirmation(token), false, response, model);
    }

    /** The confirmation page's button (a form with a session and CSRF token, unlike the mail's unsubscribe). */
    @PostMapping(path = "/blog/subscriptions", params = "token")
    String confirm(@RequestParam String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!allowed(null, request)) {
            return limited(true, token, subscriptions.checkConfirmation(token), response, model);
        }
        return linkPage(true, token, subscriptions.confirm(token), true, response, model);
    }

    @GetMapping("/blog/unsubscribe/{token}")
    String unsubscribePage(@PathVariable String token, HttpServletResponse response, Model model) {
        return linkPage(false, token, subscriptions.checkUnsubscribe(token), false, response, model);
    }

    /** The page's button, and mail clients' one-click POST (RFC 8058), which sends no cookies. */
    @PostMapping("/blog/unsubscribe/{token}")
    String unsubscribe(
            @PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!allowed(null, request)) {
            return limited(false, token, subscriptions.checkUnsubscribe(token), response, model);
        }
        return linkPage(false, token, subscriptions.unsubscribe(token), true, response, model);
    }

    private static void note(BlogSubscriptions.Result result, RedirectAttributes redirect) {
        switch (result) {
            case SUBSCRIBED -> redirect.addFlashAttribute("subscriptionNotice", "blog.subscriptions.subscribed");
            case CONFIRMATION_SENT ->
                redirect.addFlashAttribute("subscriptionNotice", "blog.subscriptions.confirmation-sent");
            case INVALID_EMAIL -> redirect.addFlashAttribute("subscriptionError", "validation.email");
        }
    }

    private String limited(
            boolean confirming,
            String token,
            BlogSubscriptions.LinkView link,
            HttpServletResponse response,
            Model model) {
        String page = linkPage(confirming, token, link, false, response, model);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        model.addAttribute("flashError", "rate-limit.exceeded");
        return page;
    }

    private static String linkPage(
            boolean confirming,
            String token,
            BlogSubscriptions.LinkView link,
            boolean done,
            HttpServletResponse response,
            Model model) {
        if (link.state() != BlogSubscriptions.LinkState.VALID) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("confirming", confirming);
        model.addAttribute("token", token);
        model.addAttribute("link", link);
        model.addAttribute("done", done && link.state() == BlogSubscriptions.LinkState.VALID);
        return LINK;
    }

    /** Subscribing sends mail: limited per client address (as a keyed hash) and per account. */
    private boolean allowed(@Nullable SignedInAccount account, HttpServletRequest request) {
        return limits.tryAcquire("blog-subscription", hashes.hash(request.getRemoteAddr()))
                && (account == null
                        || limits.tryAcquire("blog-subscription", account.id().toString()));
    }
}
