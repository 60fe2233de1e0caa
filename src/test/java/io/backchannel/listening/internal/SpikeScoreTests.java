package io.backchannel.listening.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpikeScoreTests {

    final SpikeScore rule = new SpikeScore(10, 3, 3);

    @Test
    void baselineCountsQuietWindowsAsZero() {
        var baseline = SpikeScore.Baseline.of(List.of(4, 4), 4);
        assertThat(baseline.mean()).isEqualTo(2.0);
        assertThat(baseline.sd()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void steadyTrafficAtItsUsualLevelIsNoSpike() {
        var baseline = SpikeScore.Baseline.of(List.of(20, 22, 18, 20, 21, 19), 6);
        assertThat(rule.isSpike(24, baseline)).isFalse();
    }

    @Test
    void burstFarAboveTheBaselineIsASpike() {
        var baseline = SpikeScore.Baseline.of(List.of(2, 3, 1, 2), 672);
        assertThat(rule.isSpike(40, baseline)).isTrue();
    }

    @Test
    void quietTopicGoingFromZeroToTwoIsNoSpike() {
        assertThat(rule.isSpike(2, SpikeScore.Baseline.of(List.of(), 672))).isFalse();
        assertThat(rule.isSpike(10, SpikeScore.Baseline.of(List.of(), 672))).isTrue();
    }

    @Test
    void needsTheFactorOverTheMeanEvenWhenTheTopicNeverVaries() {
        var flat = SpikeScore.Baseline.of(List.of(10, 10, 10, 10), 4);
        assertThat(flat.sd()).isZero();
        assertThat(rule.isSpike(29, flat)).isFalse();
        assertThat(rule.isSpike(30, flat)).isTrue();
    }

    @Test
    void needsTheZScoreOverAVolatileBaseline() {
        // Mean 10, standard deviation 10: 30 is three times the mean but only two deviations above it.
        var volatileBaseline = SpikeScore.Baseline.of(List.of(20, 20, 20, 20, 20), 10);
        assertThat(rule.isSpike(30, volatileBaseline)).isFalse();
        assertThat(rule.isSpike(40, volatileBaseline)).isTrue();
    }

    @Test
    void refusesARuleThatWouldAlertOnNothing() {
        assertThatThrownBy(() -> new SpikeScore(0, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SpikeScore(5, 0.5, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
