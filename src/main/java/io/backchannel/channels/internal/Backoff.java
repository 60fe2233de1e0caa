package io.backchannel.channels.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * When a connector may try again: exponential from {@code base} per consecutive failure, capped, with jitter (a random
 * point in the upper half of the interval, so that connectors failing together do not retry together), and never
 * before the platform's own rate-limit answer allows.
 */
public record Backoff(Duration base, Duration cap) {

    /** Longer waits than this, even when a platform asks for them, would leave a connector silent without notice. */
    static final Duration LONGEST_PLATFORM_WAIT = Duration.ofHours(24);

    public Duration delay(int consecutiveFailures, @Nullable Duration platformWait, RandomGenerator random) {
        int doublings = Math.clamp(consecutiveFailures - 1, 0, 20);
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << doublings);
        long half = ceiling / 2;
        Duration delay = Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
        if (platformWait != null && platformWait.compareTo(delay) > 0) {
            return platformWait.compareTo(LONGEST_PLATFORM_WAIT) > 0 ? LONGEST_PLATFORM_WAIT : platformWait;
        }
        return delay;
    }

    /**
     * How long a platform asks us to wait, from {@code Retry-After} (seconds or an HTTP date) or from
     * {@code x-ratelimit-remaining: 0} with {@code x-ratelimit-reset} (epoch seconds, or seconds from now when
     * small). Header names are matched without regard to case.
     */
    public static Optional<Duration> platformWait(Map<String, ? extends List<String>> headers, Instant now) {
        String retryAfter = header(headers, "retry-after");
        if (retryAfter != null) {
            Optional<Duration> wait = retryAfter(retryAfter.strip(), now);
            if (wait.isPresent()) {
                return wait;
            }
        }
        String remaining = header(headers, "x-ratelimit-remaining");
        String reset = header(headers, "x-ratelimit-reset");
        if (remaining != null && reset != null && remaining.strip().equals("0")) {
            return resetAt(reset.strip(), now);
        }
        return Optional.empty();
    }

    private static Optional<Duration> retryAfter(String value, Instant now) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                return Optional.of(until(
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant(),
                        now));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static Optional<Duration> resetAt(String value, Instant now) {
        try {
            long number = (long) Double.parseDouble(value);
            if (number > 1_000_000_000L) {
                return Optional.of(until(Instant.ofEpochSecond(number), now));
            }
            return Optional.of(Duration.ofSeconds(Math.max(0, number)));
        } catch (NumberFormatException e) {
            try {
                return Optional.of(until(Instant.parse(value), now));
            } catch (DateTimeParseException notInstant) {
                return Optional.empty();
            }
        }
    }

    private static Duration until(Instant at, Instant now) {
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    }

    private static @Nullable String header(Map<String, ? extends List<String>> headers, String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey() != null
                    && entry.getKey().equalsIgnoreCase(name)
                    && !entry.getValue().isEmpty()) {
                return entry.getValue().getFirst();
            }
        }
        return null;
    }
}
