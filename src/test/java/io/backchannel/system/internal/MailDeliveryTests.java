package io.backchannel.system.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.backchannel.system.Mailer;
import io.backchannel.system.OutgoingMail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Mail through a real SMTP server (GreenMail): delivered after commit, never for a rolled-back transaction. */
@SpringBootTest
@ActiveProfiles("test")
@Tag("integration")
class MailDeliveryTests {

    static final int PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(
                    new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
    }

    @Autowired
    Mailer mailer;

    @Autowired
    MailDelivery delivery;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void mailIsDeliveredAfterCommitAndMarkedSent() throws Exception {
        String recipient = "kim-" + UUID.randomUUID() + "@example.org";
        transactions.executeWithoutResult(status -> mailer.send(new OutgoingMail(recipient, "Hallo Kim", "Grüße ✓")));

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage received = lastTo(recipient);
        assertThat(received.getSubject()).isEqualTo("Hallo Kim");
        assertThat(received.getContent().toString()).contains("Grüße ✓");
        awaitStatus(recipient, "SENT");
    }

    @Test
    void rolledBackTransactionSendsNothing() {
        String recipient = "nobody-" + UUID.randomUUID() + "@example.org";
        transactions.executeWithoutResult(status -> {
            mailer.send(new OutgoingMail(recipient, "Never", "Never"));
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql("select count(*) from system_mail where recipient = ?")
                        .param(recipient)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void refusedMailIsRetriedAndSentOnce() throws Exception {
        String recipient = "retry-" + UUID.randomUUID() + "@example.org";
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into system_mail (id, recipient, subject, body, status, attempts, next_attempt_at)"
                        + " values (?, ?, 'Retry', 'Body', 'PENDING', 1, now() - interval '1 second')")
                .params(id, recipient)
                .update();

        delivery.retryDue();
        delivery.retryDue();

        awaitStatus(recipient, "SENT");
        assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).filter(message -> sentTo(message, recipient)))
                .hasSize(1);
    }

    private MimeMessage lastTo(String recipient) {
        return java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> sentTo(message, recipient))
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    private static boolean sentTo(MimeMessage message, String recipient) {
        try {
            return message.getAllRecipients()[0].toString().equals(recipient);
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    private void awaitStatus(String recipient, String status) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String current = jdbc.sql("select status from system_mail where recipient = ?")
                    .param(recipient)
                    .query(String.class)
                    .single();
            if (current.equals(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Mail to " + recipient + " never reached status " + status);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
