package io.backchannel.blog.internal;

import io.backchannel.blog.CommentPosted;
import io.backchannel.blog.PostPublished;
import io.backchannel.identity.AccountSummary;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.Mailer;
import io.backchannel.system.OutgoingMail;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The blog's subscription mails: the guest's confirmation, and news for subscribers when a comment goes public on a
 * post they follow (not to its own author) or a post goes public in a category they follow. Each is written in the
 * recipient's language (an account's current one, or what a guest used when subscribing) and carries a one-click
 * unsubscribe link, in the text and in the {@code List-Unsubscribe} headers (RFC 8058). The news run after the
 * change committed, from Modulith's event publication registry, so a crash only delays them.
 */
@Component
class SubscriptionMails {

    private final SubscriptionStore store;
    private final CommentablePosts posts;
    private final CommentStore comments;
    private final SubscriptionLinks links;
    private final IdentityManagement identity;
    private final Mailer mailer;
    private final MessageSource messages;

    SubscriptionMails(
            SubscriptionStore store,
            CommentablePosts posts,
            CommentStore comments,
            SubscriptionLinks links,
            IdentityManagement identity,
            Mailer mailer,
            MessageSource messages) {
        this.store = store;
        this.posts = posts;
        this.comments = comments;
        this.links = links;
        this.identity = identity;
        this.mailer = mailer;
        this.messages = messages;
    }

    /** Asks a guest to confirm the subscription; sent in the subscribing transaction, through the mail outbox. */
    void confirmation(SubscriptionStore.Subscription subscription) {
        Locale locale = Locale.forLanguageTag(subscription.locale());
        String link = links.link(SubscriptionLinks.Purpose.CONFIRM, subscription.id());
        String topic = subscription.postTitle() != null
                ? messages.getMessage("blog.subscriptions.topic.post", new Object[] {subscription.postTitle()}, locale)
                : messages.getMessage(
                        "blog.subscriptions.topic.category",
                        new Object[] {category(String.valueOf(subscription.categorySlug()), locale)},
                        locale);
        Object[] arguments = {topic, link};
        mailer.send(new OutgoingMail(
                subscription.email(),
                messages.getMessage("blog.subscriptions.mail.confirm.subject", arguments, locale),
                messages.getMessage("blog.subscriptions.mail.confirm.body", arguments, locale)));
    }

    @ApplicationModuleListener
    void on(CommentPosted posted) {
        var post = posts.byId(posted.postId()).orElse(null);
        var comment = comments.find(posted.commentId()).orElse(null);
        if (post == null || comment == null) {
            return;
        }
        @Nullable
        AccountSummary author = posted.authorId() == null
                ? null
                : identity.accounts(List.of(posted.authorId())).stream()
                        .findFirst()
                        .orElse(null);
        String authorName = author != null ? author.displayName() : String.valueOf(comment.guestName());
        @Nullable String authorEmail = author != null ? author.email() : comment.guestEmail();
        String link = links.post(post.language(), post.slug(), comment.id());
        for (var recipient : recipients(store.confirmedForPost(post.id()))) {
            if (Objects.equals(recipient.accountId(), posted.authorId())
                    || recipient.email().equalsIgnoreCase(String.valueOf(authorEmail))) {
                continue;
            }
            Object[] arguments = {authorName, post.title(), comment.bodyMarkdown(), link};
            send(
                    recipient,
                    messages.getMessage("blog.subscriptions.mail.comment.subject", arguments, recipient.locale()),
                    messages.getMessage("blog.subscriptions.mail.comment.body", arguments, recipient.locale()));
        }
    }

    /** Only originals are news: a translation published later would tell the same subscribers the same again. */
    @ApplicationModuleListener
    void on(PostPublished published) {
        if (published.translationOf() != null) {
            return;
        }
        String link = links.post(published.language(), published.slug(), null);
        for (var recipient : recipients(store.confirmedForCategory(published.categorySlug()))) {
            Object[] arguments = {published.title(), category(published.categorySlug(), recipient.locale()), link};
            send(
                    recipient,
                    messages.getMessage("blog.subscriptions.mail.post.subject", arguments, recipient.locale()),
                    messages.getMessage("blog.subscriptions.mail.post.body", arguments, recipient.locale()));
        }
    }

    private void send(Recipient recipient, String subject, String body) {
        String unsubscribe = links.link(SubscriptionLinks.Purpose.UNSUBSCRIBE, recipient.subscriptionId());
        mailer.send(new OutgoingMail(
                recipient.email(),
                subject,
                body
                        + messages.getMessage(
                                "blog.subscriptions.mail.footer", new Object[] {unsubscribe}, recipient.locale()),
                Map.of(
                        "List-Unsubscribe",
                        "<" + unsubscribe + ">",
                        "List-Unsubscribe-Post",
                        "List-Unsubscribe=One-Click")));
    }

    /** Accounts get mail at their current address and in their current language; guests as they subscribed. */
    private List<Recipient> recipients(List<SubscriptionStore.Recipient> subscribers) {
        Map<UUID, AccountSummary> accounts = identity
                .accounts(subscribers.stream()
                        .map(SubscriptionStore.Recipient::accountId)
                        .filter(Objects::nonNull)
                        .toList())
                .stream()
                .collect(Collectors.toMap(AccountSummary::id, Function.identity()));
        return subscribers.stream()
                .map(subscriber -> {
                    var account = subscriber.accountId() == null ? null : accounts.get(subscriber.accountId());
                    return account == null
                            ? new Recipient(
                                    subscriber.id(),
                                    subscriber.email(),
                                    subscriber.accountId(),
                                    Locale.forLanguageTag(subscriber.locale()))
                            : new Recipient(
                                    subscriber.id(),
                                    account.email(),
                                    account.id(),
                                    Locale.forLanguageTag(account.locale()));
                })
                .toList();
    }

    private String category(String slug, Locale locale) {
        return messages.getMessage("blog.category." + slug, null, slug, locale);
    }

    private record Recipient(UUID subscriptionId, String email, @Nullable UUID accountId, Locale locale) {}
}
