package io.backchannel.listening.internal;

import java.util.Optional;

/** How a team shares its conversations among its members. Keys: {@code listening.assignment.*}. */
public enum Assignment {
    ROUND_ROBIN,
    LEAST_LOADED;

    /** The message keys, spelt out so that the i18n guard finds them. */
    static final String[] KEYS = {"listening.assignment.ROUND_ROBIN", "listening.assignment.LEAST_LOADED"};

    public static Optional<Assignment> parse(String value) {
        for (Assignment assignment : values()) {
            if (assignment.name().equals(value)) {
                return Optional.of(assignment);
            }
        }
        return Optional.empty();
    }
}
