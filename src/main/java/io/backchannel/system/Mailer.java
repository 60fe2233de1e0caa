package io.backchannel.system;

/**
 * Sends e-mail reliably: the mail is stored in the caller's transaction and delivered after it commits, retried while
 * the SMTP server is unreachable. Without a configured SMTP server the mail stays in the mail outbox that admins see.
 */
public interface Mailer {

    void send(OutgoingMail mail);
}
