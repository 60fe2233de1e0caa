package io.backchannel.ideas.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The "hot" ranking. An idea's score is the sum of its votes, each decayed by half every {@code halfLife} since it
 * was cast. Instead of decaying every score on every request, each vote is stored as {@code value * 2^((cast -
 * epoch) / halfLife)}: all scores share the factor {@code 2^(-(now - epoch) / halfLife)}, so ordering by the stored
 * sum is ordering by the decayed score, and a vote changes one number.
 *
 * <p>The epoch is fixed; a double holds weights up to 2^1023, which with a half-life of one week lasts about 19
 * years, and with one day about two and a half. Half-lives below a day are refused for that reason.
 */
final class HotScore {

    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final double halfLifeSeconds;

    HotScore(Duration halfLife) {
        if (halfLife.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("The hot half-life must be at least one day: " + halfLife);
        }
        this.halfLifeSeconds = halfLife.toSeconds();
    }

    /** The weight of one vote cast at the given time. */
    double weight(Instant cast) {
        return Math.pow(2, Duration.between(EPOCH, cast).toSeconds() / halfLifeSeconds);
    }
}
