package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaStatusChanged;
import io.backchannel.identity.AccountSummary;
import io.backchannel.identity.IdentityManagement;
import io.backchannel.system.Mailer;
import io.backchannel.system.OutgoingMail;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Tells an idea's followers (author, voters, commenters) what happened to it, each in their own language. Runs after
 * the status change committed, from Modulith's event publication registry, so a crash before the mails were written
 * only delays them until the next start.
 */
@Component
class StatusMails {

    private final Ideas ideas;
    private final IdentityManagement identity;
    private final Mailer mailer;
    private final MessageSource messages;
    private final IdeaStatuses statuses;
    private final String baseUrl;

    StatusMails(
            Ideas ideas,
            IdentityManagement identity,
            Mailer mailer,
            MessageSource messages,
            IdeaStatuses statuses,
            @Value("${backchannel.base-url}") String baseUrl) {
        this.ideas = ideas;
        this.identity = identity;
        this.mailer = mailer;
        this.messages = messages;
        this.statuses = statuses;
        this.baseUrl = baseUrl;
    }

    @ApplicationModuleListener
    void on(IdeaStatusChanged changed) {
        var idea = ideas.byNumber(changed.number()).orElse(null);
        if (idea == null) {
            return;
        }
        var change = ideas.currentChange(idea.id()).orElse(null);
        String link = UriComponentsBuilder.fromUriString(baseUrl)
                .path("/ideas/{number}")
                .buildAndExpand(changed.number())
                .toUriString();
        var followers = ideas.followers(idea.id()).stream()
                .filter(follower -> !follower.equals(changed.changedBy()))
                .toList();
        identity.accounts(followers).forEach(account -> send(account, idea.title(), changed, change, link));
    }

    private void send(
            AccountSummary account,
            String title,
            IdeaStatusChanged changed,
            Ideas.@Nullable StatusChange change,
            String link) {
        Locale locale = Locale.forLanguageTag(account.locale());
        String status = statuses.name(changed.to(), change == null ? null : change.toLabel(), locale);
        String explanation =
                change == null ? "" : statuses.explanation(change.explanation(), change.staleMonths(), locale);
        Object[] arguments = {account.displayName(), title, status, explanation.isBlank() ? "-" : explanation, link};
        mailer.send(new OutgoingMail(
                account.email(),
                messages.getMessage("ideas.mail.status.subject", arguments, locale),
                messages.getMessage("ideas.mail.status.body", arguments, locale)));
    }
}
