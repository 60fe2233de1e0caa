package io.backchannel.listening.internal;

import java.util.Optional;

/** How a customer sounds; UNCLEAR goes to staff's review queue. Keys: {@code listening.sentiment.*}. */
public enum Sentiment {
    POSITIVE,
    NEUTRAL,
    NEGATIVE,
    UNCLEAR;

    /** The message keys, spelt out so that the i18n guard finds them. */
    static final String[] KEYS = {
        "listening.sentiment.POSITIVE",
        "listening.sentiment.NEUTRAL",
        "listening.sentiment.NEGATIVE",
        "listening.sentiment.UNCLEAR"
    };

    public static Optional<Sentiment> parse(String value) {
        for (Sentiment sentiment : values()) {
            if (sentiment.name().equals(value)) {
                return Optional.of(sentiment);
            }
        }
        return Optional.empty();
    }
}
