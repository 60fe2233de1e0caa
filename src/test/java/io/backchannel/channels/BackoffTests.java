package io.backchannel.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.channels.internal.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTests {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1));
    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void doublesPerFailureWithJitterInTheUpperHalfAndStopsAtTheCap() {
        Random random = new Random(7);
        for (int failures = 1; failures <= 12; failures++) {
            long ceiling = Math.min(3_600_000L, 30_000L << (failures - 1));
            for (int i = 0; i < 50; i++) {
                long delay = backoff.delay(failures, null, random).toMillis();
                assertThat(delay).isBetween(ceiling / 2, ceiling);
            }
        }
        assertThat(backoff.delay(1_000, null, random)).isLessThanOrEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitterSpreadsConnectorsThatFailTogether() {
        Random random = new Random(1);
        var delays = new java.util.HashSet<Duration>();
        for (int i = 0; i < 20; i++) {
            delays.add(backoff.delay(5, null, random));
        }
        assertThat(delays).hasSizeGreaterThan(10);
    }

    @Test
    void aLongerWaitAskedByThePlatformWinsButIsBounded() {
        assertThat(backoff.delay(1, Duration.ofMinutes(10), new Random(1))).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.delay(1, Duration.ofDays(30), new Random(1))).isEqualTo(Duration.ofHours(24));
        assertThat(backoff.delay(8, Duration.ofSeconds(1), new Random(1))).isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    void readsRetryAfterAsSecondsOrHttpDate() {
        assertThat(Backoff.platformWait(Map.of("Retry-After", List.of("120")), now))
                .contains(Duration.ofSeconds(120));
        String date =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(90).atOffset(ZoneOffset.UTC));
        assertThat(Backoff.platformWait(Map.of("retry-after", List.of(date)), now))
                .contains(Duration.ofSeconds(90));
        assertThat(Backoff.platformWait(Map.of("Retry-After", List.of("soon")), now))
                .isEmpty();
    }

    @Test
    void readsRateLimitResetOnlyWhenNothingRemains() {
        long reset = now.plusSeconds(300).getEpochSecond();
        assertThat(Backoff.platformWait(
                        Map.of("X-RateLimit-Remaining", List.of("0"), "X-RateLimit-Reset", List.of("" + reset)), now))
                .contains(Duration.ofSeconds(300));
        assertThat(Backoff.platformWait(
                        Map.of("x-ratelimit-remaining", List.of("0"), "x-ratelimit-reset", List.of("45")), now))
                .contains(Duration.ofSeconds(45));
        assertThat(Backoff.platformWait(
                        Map.of("x-ratelimit-remaining", List.of("12"), "x-ratelimit-reset", List.of("45")), now))
                .isEmpty();
        assertThat(Backoff.platformWait(
                        Map.of(
                                "x-ratelimit-remaining",
                                List.of("0"),
                                "x-ratelimit-reset",
                                List.of("2026-11-22T10:01:00.000Z")),
                        now))
                .contains(Duration.ofSeconds(60));
    }
}
