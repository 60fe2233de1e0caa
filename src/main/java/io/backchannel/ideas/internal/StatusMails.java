package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaAnswered;
import io.backchannel.ideas.IdeaStatusChanged;
import io.backchannel.identity.AccountSummary;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.Mailer;
import io.backchannel.system.OutgoingMail;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells an idea's subscribers what happened to it (a new status, a staff answer), each in their own language and only
 * if their settings ask for it. Runs after the change committed, from Modulith's event publication registry, so a
 * crash before the mails were written only delays them until the next start. Every mail carries a one-click
 * unsubscribe link for its idea, in the text and in the {@code List-Unsubscribe} header (RFC 8058).
 */
@Component
class StatusMails {

    private final Ideas ideas;
    private final Subscriptions subscriptions;
    private final IdeaLinks links;
    private final IdentityManagement identity;
    private final Mailer mailer;
    private final MessageSource messages;
    private final IdeaStatuses statuses;

    StatusMails(
            Ideas ideas,
            Subscriptions subscriptions,
            IdeaLinks links,
            IdentityManagement identity,
            Mailer mailer,
            MessageSource messages,
            IdeaStatuses statuses) {
        this.ideas = ideas;
        this.subscriptions = subscriptions;
        this.links = links;
        this.identity = identity;
        this.mailer = mailer;
        this.messages = messages;
        this.statuses = statuses;
    }

    @ApplicationModuleListener
    void on(IdeaStatusChanged changed) {
        ideas.byNumber(changed.number()).ifPresent(idea -> {
            Ideas.@Nullable StatusChange change = ideas.currentChange(idea.id()).orElse(null);
            for (AccountSummary account : recipients(idea, Subscriptions.Kind.STATUS, changed.changedBy())) {
                Locale locale = locale(account);
                String status = statuses.name(changed.to(), change == null ? null : change.toLabel(), locale);
                String explanation =
                        change == null ? "" : statuses.explanation(change.explanation(), change.staleMonths(), locale);
                send(account, "ideas.mail.status", idea, status, explanation.isBlank() ? "-" : explanation);
            }
        });
    }

    @ApplicationModuleListener
    void on(IdeaAnswered answered) {
        ideas.byNumber(answered.number()).ifPresent(idea -> {
            for (AccountSummary account : recipients(idea, Subscriptions.Kind.ANSWER, answered.staffId())) {
                send(account, "ideas.notifications.mail.answer", idea, answered.answer(), "");
            }
        });
    }

    /** The subscribers who want this kind of mail, except the one who acted. */
    private List<AccountSummary> recipients(Ideas.IdeaDetail idea, Subscriptions.Kind kind, UUID actor) {
        return identity.accounts(subscriptions.recipients(idea.id(), kind).stream()
                .filter(recipient -> !recipient.equals(actor))
                .toList());
    }

    /** Sends {@code key.subject} and {@code key.body} with: name, idea title, the two details, the idea's link. */
    private void send(AccountSummary account, String key, Ideas.IdeaDetail idea, String detail, String more) {
        Locale locale = locale(account);
        Object[] arguments = {account.displayName(), idea.title(), detail, more, links.idea(idea.number())};
        String unsubscribe = links.unsubscribe(idea.number(), account.id());
        String body = messages.getMessage(key + ".body", arguments, locale)
                + messages.getMessage("ideas.unsubscribe.mail.footer", new Object[] {unsubscribe}, locale);
        mailer.send(new OutgoingMail(
                account.email(),
                messages.getMessage(key + ".subject", arguments, locale),
                body,
                Map.of(
                        "List-Unsubscribe",
                        "<" + unsubscribe + ">",
                        "List-Unsubscribe-Post",
                        "List-Unsubscribe=One-Click")));
    }

    private static Locale locale(AccountSummary account) {
        return Locale.forLanguageTag(account.locale());
    }
}
