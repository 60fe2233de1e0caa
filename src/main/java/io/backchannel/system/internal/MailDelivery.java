package io.backchannel.system.internal;

import io.backchannel.system.internal.MailOutbox.MailQueued;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Hands stored mails to the SMTP server once their transaction committed; retries what the server refused. */
@Component
class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    private static final int MAX_ATTEMPTS = 5;

    private final MailOutbox outbox;
    private final ObjectProvider<JavaMailSender> sender;
    private final String from;

    MailDelivery(
            MailOutbox outbox, ObjectProvider<JavaMailSender> sender, @Value("${backchannel.mail.from}") String from) {
        this.outbox = outbox;
        this.sender = sender;
        this.from = from;
    }

    @Async
    @TransactionalEventListener
    void onQueued(MailQueued queued) {
        deliver(queued.id());
    }

    @Scheduled(fixedDelay = 60_000, initialDelay = 30_000)
    void retryPending() {
        if (sender.getIfAvailable() != null) {
            outbox.dueForRetry(MAX_ATTEMPTS).forEach(this::deliver);
        }
    }

    private void deliver(UUID id) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null) {
            return;
        }
        outbox.find(id).filter(mail -> mail.status().equals("PENDING")).ifPresent(mail -> {
            var message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(mail.recipient());
            message.setSubject(mail.subject());
            message.setText(mail.body());
            try {
                smtp.send(message);
                outbox.markSent(id);
            } catch (MailException e) {
                log.warn("Mail {} to {} not delivered: {}", id, mail.recipient(), e.getMessage());
                outbox.markFailedAttempt(
                        id, e.getMessage() == null ? e.getClass().getName() : e.getMessage(), MAX_ATTEMPTS);
            }
        });
    }
}
