package io.backchannel.blog.internal;

import io.backchannel.system.Mailer;
import io.backchannel.system.OutgoingMail;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The incident mails: the confirmation a guest gets before following an incident, and an update for every confirmed
 * follower, each in the follower's language where the update has it (else the primary one), with a one-click
 * unsubscribe link in the text and in the {@code List-Unsubscribe} header (RFC 8058). Written to the mail outbox in
 * the caller's transaction, so an update and its mails commit together.
 */
@Component
class IncidentMails {

    private final Followers followers;
    private final IncidentLinks links;
    private final BlogLanguages languages;
    private final Mailer mailer;
    private final MessageSource messages;

    IncidentMails(
            Followers followers, IncidentLinks links, BlogLanguages languages, Mailer mailer, MessageSource messages) {
        this.followers = followers;
        this.links = links;
        this.languages = languages;
        this.mailer = mailer;
        this.messages = messages;
    }

    void send(Incident incident, IncidentStatus status, Map<String, String> bodies, UUID updateId) {
        String page = links.incident(incident.number()) + "#update-" + updateId;
        for (var follower : followers.confirmed(incident.id())) {
            Locale locale = Locale.forLanguageTag(follower.language());
            String title = incident.text(follower.language(), languages.primary())
                    .value()
                    .title();
            String body = Localized.pick(bodies, follower.language(), languages.primary())
                    .value();
            Object[] arguments = {
                incident.number(), title, messages.getMessage(status.bundleKey(), null, locale), body, page
            };
            String unsubscribe = links.link(IncidentLinks.Purpose.UNSUBSCRIBE, incident.number(), follower.id());
            mailer.send(new OutgoingMail(
                    follower.email(),
                    messages.getMessage("blog.incident.mail.subject", arguments, locale),
                    messages.getMessage("blog.incident.mail.body", arguments, locale)
                            + messages.getMessage("blog.incident.mail.footer", new Object[] {unsubscribe}, locale),
                    Map.of(
                            "List-Unsubscribe",
                            "<" + unsubscribe + ">",
                            "List-Unsubscribe-Post",
                            "List-Unsubscribe=One-Click")));
        }
    }

    void confirmation(Incident incident, Followers.Follower follower) {
        Locale locale = Locale.forLanguageTag(follower.language());
        String title =
                incident.text(follower.language(), languages.primary()).value().title();
        Object[] arguments = {
            incident.number(),
            title,
            links.link(IncidentLinks.Purpose.CONFIRM, incident.number(), follower.id()),
            links.incident(incident.number())
        };
        mailer.send(new OutgoingMail(
                follower.email(),
                messages.getMessage("blog.incident.mail.confirm.subject", arguments, locale),
                messages.getMessage("blog.incident.mail.confirm.body", arguments, locale)));
    }
}
