package io.backchannel.blog.internal;

import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.NotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mail subscriptions to a post's comments and to a category's new posts. Signed-in accounts (whose address is
 * confirmed, or they could not sign in) are subscribed at once; a guest's address first gets a confirmation mail
 * (double opt-in), and the answer is the same whether or not the address was subscribed already, so that the form
 * tells nobody who reads what.
 */
@Service
@Transactional
public class BlogSubscriptions {

    private final SubscriptionStore store;
    private final CommentablePosts posts;
    private final SubscriptionLinks links;
    private final SubscriptionMails mails;
    private final IdentityManagement identity;

    BlogSubscriptions(
            SubscriptionStore store,
            CommentablePosts posts,
            SubscriptionLinks links,
            SubscriptionMails mails,
            IdentityManagement identity) {
        this.store = store;
        this.posts = posts;
        this.links = links;
        this.mails = mails;
        this.identity = identity;
    }

    public Result toPost(UUID postId, @Nullable UUID accountId, String email, Locale locale) {
        var post = posts.byId(postId).orElseThrow(() -> new NotFoundException("blog post " + postId));
        return subscribe(new SubscriptionStore.Target(post.id(), null), accountId, email, locale);
    }

    public Result toCategory(String categorySlug, @Nullable UUID accountId, String email, Locale locale) {
        UUID category = store.categoryId(categorySlug)
                .orElseThrow(() -> new NotFoundException("blog category " + categorySlug));
        return subscribe(new SubscriptionStore.Target(null, category), accountId, email, locale);
    }

    /** The categories one can follow, by slug, in their order on the blog. */
    @Transactional(readOnly = true)
    public List<String> categories() {
        return store.categorySlugs();
    }

    @Transactional(readOnly = true)
    public LinkView checkConfirmation(String token) {
        return view(links.read(SubscriptionLinks.Purpose.CONFIRM, token));
    }

    public LinkView confirm(String token) {
        var view = view(links.read(SubscriptionLinks.Purpose.CONFIRM, token));
        if (view.subscriptionId() != null) {
            store.confirm(view.subscriptionId());
        }
        return view;
    }

    /** What an unsubscribe link would end, for the confirmation page; changes nothing. */
    @Transactional(readOnly = true)
    public LinkView checkUnsubscribe(String token) {
        return view(links.read(SubscriptionLinks.Purpose.UNSUBSCRIBE, token));
    }

    /** Ends the link's subscription; a second click finds nothing more to end. */
    public LinkView unsubscribe(String token) {
        var view = view(links.read(SubscriptionLinks.Purpose.UNSUBSCRIBE, token));
        if (view.subscriptionId() != null) {
            store.delete(view.subscriptionId());
        }
        return view;
    }

    private Result subscribe(SubscriptionStore.Target target, @Nullable UUID accountId, String email, Locale locale) {
        if (accountId != null) {
            var account = identity.accounts(List.of(accountId)).stream()
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("account " + accountId));
            store.subscribe(target, account.email(), accountId, account.locale(), true);
            return Result.SUBSCRIBED;
        }
        String address = email.strip();
        if (!EmailAddresses.plausible(address)) {
            return Result.INVALID_EMAIL;
        }
        var stored = store.subscribe(target, address, null, locale.getLanguage(), false);
        if (!stored.confirmed()) {
            store.find(stored.id()).ifPresent(mails::confirmation);
        }
        return Result.CONFIRMATION_SENT;
    }

    private LinkView view(SubscriptionLinks.Reading reading) {
        if (reading.state() != LinkState.VALID || reading.subscriptionId() == null) {
            return new LinkView(reading.state(), null, null, null, null, null);
        }
        return store.find(reading.subscriptionId())
                .map(found -> new LinkView(
                        LinkState.VALID,
                        found.id(),
                        found.postTitle(),
                        found.postLanguage(),
                        found.postSlug(),
                        found.categorySlug()))
                .orElseGet(() -> new LinkView(LinkState.VALID, null, null, null, null, null));
    }

    public enum Result {
        SUBSCRIBED,
        CONFIRMATION_SENT,
        INVALID_EMAIL
    }

    public enum LinkState {
        VALID,
        EXPIRED,
        INVALID
    }

    /**
     * What a signed link is about: its state, and for a valid one the subscription it names, if that still exists,
     * with the post or category it follows.
     */
    public record LinkView(
            LinkState state,
            @Nullable UUID subscriptionId,
            @Nullable String postTitle,
            @Nullable String postLanguage,
            @Nullable String postSlug,
            @Nullable String categorySlug) {

        public boolean gone() {
            return state == LinkState.VALID && subscriptionId == null;
        }
    }
}
