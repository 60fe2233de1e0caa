package io.backchannel.system;

import java.util.Map;

/**
 * A plain-text e-mail to one recipient, with extra headers such as {@code List-Unsubscribe} (names and values on one
 * line each: a line break would let a value add headers of its own).
 */
public record OutgoingMail(String recipient, String subject, String body, Map<String, String> headers) {

    public OutgoingMail {
        headers.forEach((name, value) -> {
            if (!name.matches("[A-Za-z0-9-]+") || value.contains("\r") || value.contains("\n")) {
                throw new IllegalArgumentException("Malformed mail header " + name);
            }
        });
        headers = Map.copyOf(headers);
    }

    public OutgoingMail(String recipient, String subject, String body) {
        this(recipient, subject, body, Map.of());
    }
}
