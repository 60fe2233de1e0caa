package io.backchannel.listening;

import java.time.Instant;
import java.util.UUID;

/**
 * A topic's volume or negativity left its own baseline: an alert was raised (at most one open alert a topic).
 *
 * @param topic the topic, or {@code *} for all conversations
 * @param kind {@code VOLUME} or {@code NEGATIVE}
 * @param volume new conversations in the window
 * @param negative negative ones among them
 * @param baselineMean the mean count of the same-length windows before
 */
public record SpikeDetected(
        UUID alertId,
        String topic,
        String kind,
        int volume,
        int negative,
        double baselineMean,
        int windowMinutes,
        Instant raisedAt) {}
