package io.backchannel.identity.internal;

import io.backchannel.system.Mailer;
import io.backchannel.system.OutgoingMail;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** The e-mails of the identity module, written in the recipient's language. */
@Component
class IdentityMails {

    private final Mailer mailer;
    private final MessageSource messages;
    private final String baseUrl;

    IdentityMails(Mailer mailer, MessageSource messages, @Value("${backchannel.base-url}") String baseUrl) {
        this.mailer = mailer;
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    void confirmEmail(Account account, String token) {
        send(account, "mail.confirm", link("/register/confirm", token));
    }

    void resetPassword(Account account, String token) {
        send(account, "mail.reset", link("/password/reset", token));
    }

    void invite(Account account, String token) {
        send(account, "mail.invite", link("/password/reset", token));
    }

    private void send(Account account, String key, String link) {
        Locale locale = Locale.forLanguageTag(account.locale());
        Object[] arguments = {account.displayName(), link};
        mailer.send(new OutgoingMail(
                account.email(),
                messages.getMessage(key + ".subject", arguments, locale),
                messages.getMessage(key + ".body", arguments, locale)));
    }

    private String link(String path, String token) {
        return UriComponentsBuilder.fromUriString(baseUrl)
                .path(path)
                .queryParam("token", token)
                .build()
                .toUriString();
    }
}
