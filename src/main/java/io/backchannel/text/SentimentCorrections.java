package io.backchannel.text;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What staff corrections taught the sentiment analysis: an adjustment per language and word, added to the lexicon's
 * valence (or standing alone for a word the lexicon does not know). The caller stores the corrections and builds this
 * value from them with {@link #learn}; it is immutable and thread-safe.
 */
public final class SentimentCorrections {

    /** One correction: staff said the text, in this language, has this sentiment. */
    public record Correction(String text, String language, Sentiment sentiment) {}

    /**
     * How far one correction moves its words together, on the lexicons' −4 … +4 scale, per unit of error; each of n
     * words moves by this over √n.
     */
    static final double RATE = 1.5;

    /** No adjustment exceeds this, so a few corrections cannot make a word outweigh the strongest lexicon words. */
    static final double LIMIT = 3.0;

    private static final SentimentCorrections NONE = new SentimentCorrections(Map.of());

    /** Language → lexicon key → adjustment. */
    private final Map<String, Map<String, Double>> adjustments;

    private SentimentCorrections(Map<String, Map<String, Double>> adjustments) {
        this.adjustments = adjustments;
    }

    public static SentimentCorrections none() {
        return NONE;
    }

    /**
     * Learns from corrections in order: each moves the words of its text by the gap between the sentiment it names and
     * the score the analysis gives with what was learnt so far. Corrections to {@link Sentiment#UNCLEAR} teach nothing.
     */
    public static SentimentCorrections learn(Iterable<Correction> corrections) {
        var learnt = new SentimentCorrections(new HashMap<>());
        for (Correction correction : corrections) {
            double target =
                    switch (correction.sentiment()) {
                        case POSITIVE -> 1;
                        case NEGATIVE -> -1;
                        case NEUTRAL -> 0;
                        case UNCLEAR -> Double.NaN;
                    };
            if (Double.isNaN(target)) {
                continue;
            }
            String language = Languages.code(correction.language());
            var analysis = TextAnalysis.analyse(correction.text(), language, Topics.none(), learnt);
            double error = target - analysis.score();
            Lexicon lexicon = Lexicon.of(language);
            Set<String> words = TextAnalysis.learnableWords(analysis.normalised());
            double step = RATE * error / Math.sqrt(Math.max(1, words.size()));
            var adjusted = learnt.adjustments.computeIfAbsent(language, k -> new HashMap<>());
            for (String word : words) {
                String key = lexicon == null ? word : lexicon.key(word);
                double moved = adjusted.getOrDefault(key, 0.0) + step;
                adjusted.put(key, Math.max(-LIMIT, Math.min(LIMIT, moved)));
            }
        }
        learnt.adjustments.values().removeIf(Map::isEmpty);
        if (learnt.adjustments.isEmpty()) {
            return NONE;
        }
        Map<String, Map<String, Double>> copy = new HashMap<>();
        learnt.adjustments.forEach((language, adjusted) -> copy.put(language, Map.copyOf(adjusted)));
        return new SentimentCorrections(Map.copyOf(copy));
    }

    /** The learnt adjustment of a word's valence (its lexicon key) in a language. */
    double adjustment(String language, String key) {
        Map<String, Double> adjusted = adjustments.get(language);
        return adjusted == null ? 0 : adjusted.getOrDefault(key, 0.0);
    }

    /** How many words have an adjustment, for the inbox to show. */
    public int size() {
        return adjustments.values().stream().mapToInt(Map::size).sum();
    }
}
