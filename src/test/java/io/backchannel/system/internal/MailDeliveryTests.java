package io.backchannel.system.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.backchannel.TestSmtp;
import io.backchannel.system.Mailer;
import io.backchannel.system.OutgoingMail;
import jakarta.mail.internet.MimeMessage;
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

    static final int PORT = TestSmtp.freePort();

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server(PORT);

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        TestSmtp.use(registry, PORT);
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
        MimeMessage received = TestSmtp.lastTo(smtp, recipient).orElseThrow();
        assertThat(received.getSubject()).isEqualTo("Hallo Kim");
        assertThat(received.getContent().toString()).contains("Grüße ✓");
        awaitStatus(recipient, "SENT");
    }

    @Test
    void extraHeadersReachTheServerAndCannotSmuggleMoreHeaders() throws Exception {
        String recipient = "lists-" + UUID.randomUUID() + "@example.org";
        var headers = java.util.Map.of("List-Unsubscribe", "<https://example.org/u/1>", "X-Mark", "✓");
        transactions.executeWithoutResult(status -> mailer.send(new OutgoingMail(recipient, "Lists", "Body", headers)));

        awaitStatus(recipient, "SENT");
        MimeMessage received = TestSmtp.lastTo(smtp, recipient).orElseThrow();
        assertThat(received.getHeader("List-Unsubscribe", null)).isEqualTo("<https://example.org/u/1>");
        assertThatThrownBy(
                        () -> new OutgoingMail(recipient, "S", "B", java.util.Map.of("X-A", "a\r\nBcc: x@example.org")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutgoingMail(recipient, "S", "B", java.util.Map.of("X A:", "a")))
                .isInstanceOf(IllegalArgumentException.class);
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
        assertThat(java.util.Arrays.stream(smtp.getReceivedMessages())
                        .filter(message -> TestSmtp.sentTo(message, recipient)))
                .hasSize(1);
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
}
