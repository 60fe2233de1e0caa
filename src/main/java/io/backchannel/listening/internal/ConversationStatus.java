package io.backchannel.listening.internal;

import java.util.Optional;

/** Where a conversation stands: OPEN waits for us, PENDING for the customer, RESOLVED is done. */
public enum ConversationStatus {
    OPEN,
    PENDING,
    RESOLVED;

    /** The message keys, spelt out so that the i18n guard finds them. */
    static final String[] KEYS = {"listening.status.OPEN", "listening.status.PENDING", "listening.status.RESOLVED"};

    public static Optional<ConversationStatus> parse(String value) {
        for (ConversationStatus status : values()) {
            if (status.name().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
