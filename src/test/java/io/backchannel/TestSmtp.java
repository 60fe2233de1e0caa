package io.backchannel;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) for tests that check what leaves the application. Each test class holds the server
 * in a static {@code @RegisterExtension} field and points the application at it from {@code @DynamicPropertySource}.
 */
public final class TestSmtp {

    private TestSmtp() {}

    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One server for the whole test class, without authentication. */
    public static GreenMailExtension server(int port) {
        return new GreenMailExtension(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
                .withPerMethodLifecycle(false);
    }

    public static void use(DynamicPropertyRegistry registry, int port) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> port);
    }

    /** The last message the server received for the recipient. */
    public static Optional<MimeMessage> lastTo(GreenMailExtension server, String recipient) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> sentTo(message, recipient))
                .reduce((first, second) -> second);
    }

    public static boolean sentTo(MimeMessage message, String recipient) {
        try {
            return message.getAllRecipients()[0].toString().equals(recipient);
        } catch (MessagingException e) {
            return false;
        }
    }
}
