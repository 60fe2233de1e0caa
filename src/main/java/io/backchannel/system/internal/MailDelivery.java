package io.backchannel.system.internal;

import io.backchannel.system.internal.MailOutbox.MailQueued;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands stored mails to the SMTP server once their transaction committed, and retries what the server refused with
 * growing pauses. Each attempt holds a row lock on its mail, so a mail is never sent twice, even when the retry runs on
 * several nodes at once.
 */
@Component
class MailDelivery {

    static final int MAX_ATTEMPTS = 6;

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    private final MailOutbox outbox;
    private final ObjectProvider<JavaMailSender> sender;
    private final TransactionTemplate transactions;
    private final String from;

    MailDelivery(
            MailOutbox outbox,
            ObjectProvider<JavaMailSender> sender,
            TransactionTemplate transactions,
            @Value("${backchannel.mail.from}") String from) {
        this.outbox = outbox;
        this.sender = sender;
        this.transactions = transactions;
        this.from = from;
    }

    @Async
    @TransactionalEventListener
    void onQueued(MailQueued queued) {
        deliver(queued.id());
    }

    @Scheduled(
            fixedDelayString = "${backchannel.mail.retry-interval:60s}",
            initialDelayString = "${backchannel.mail.retry-interval:60s}")
    void retryDue() {
        if (sender.getIfAvailable() != null) {
            outbox.due().forEach(this::deliver);
        }
    }

    void deliver(UUID id) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null) {
            return;
        }
        transactions.executeWithoutResult(status -> outbox.claim(id).ifPresent(mail -> {
            try {
                smtp.send(message -> {
                    var helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
                    helper.setFrom(from);
                    helper.setTo(mail.recipient());
                    helper.setSubject(mail.subject());
                    helper.setText(mail.body());
                    for (String line : mail.headers().lines().toList()) {
                        int colon = line.indexOf(':');
                        message.addHeader(
                                line.substring(0, colon),
                                line.substring(colon + 1).strip());
                    }
                });
                outbox.markSent(id);
            } catch (MailException e) {
                log.warn(
                        "Mail {} to {} not delivered (attempt {}): {}",
                        id,
                        mail.recipient(),
                        mail.attempts() + 1,
                        e.getMessage());
                outbox.markFailedAttempt(id, String.valueOf(e.getMessage()), MAX_ATTEMPTS);
            }
        }));
    }
}
