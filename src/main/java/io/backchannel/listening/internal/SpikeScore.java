package io.backchannel.listening.internal;

import java.util.Collection;

/**
 * Whether the count of a topic's current window is a spike against the same-length windows before it. A spike needs a
 * minimum count (a quiet topic going from 0 to 2 is none), a multiple of the baseline's mean, and a z-score over it; a
 * topic without any history is judged by the minimum count alone.
 */
record SpikeScore(int minCount, double factor, double zScore) {

    SpikeScore {
        if (minCount < 1 || factor < 1 || zScore <= 0) {
            throw new IllegalArgumentException("Spike rule needs min-count >= 1, factor >= 1 and z-score > 0");
        }
    }

    boolean isSpike(int current, Baseline baseline) {
        if (current < minCount || current < factor * baseline.mean()) {
            return false;
        }
        if (baseline.sd() == 0) {
            return current > baseline.mean();
        }
        return (current - baseline.mean()) / baseline.sd() >= zScore;
    }

    /** Mean and standard deviation of the counts of past windows. */
    record Baseline(double mean, double sd) {

        /**
         * @param counts the counts of the windows that had any activity
         * @param windows how many windows the baseline covers; those not in {@code counts} had none
         */
        static Baseline of(Collection<Integer> counts, int windows) {
            if (windows <= 0) {
                return new Baseline(0, 0);
            }
            double sum = 0;
            for (int count : counts) {
                sum += count;
            }
            double mean = sum / windows;
            double squares = (windows - counts.size()) * mean * mean;
            for (int count : counts) {
                squares += (count - mean) * (count - mean);
            }
            return new Baseline(mean, Math.sqrt(squares / windows));
        }
    }
}
