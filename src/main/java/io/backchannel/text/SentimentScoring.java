package io.backchannel.text;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A lexicon sentiment in the manner of VADER: word valences, turned by a negation among the three words before,
 * strengthened by intensifiers and capitals, weakened by dampeners; after a contrast word ("but", "aber") the words count
 * more than before it; exclamation marks add emphasis; emoji and emoticons count in every language. The sum is squashed
 * into −1 … +1. Strong one-sided evidence decides; no evidence is neutral; the rest (weak or mixed) is unclear.
 */
final class SentimentScoring {

    record Score(Sentiment sentiment, double score, double confidence) {}

    static final double NEGATION = -0.74;

    static final double BOOST = 0.293;

    static final double SHOUT = 0.733;

    static final double EXCLAMATION = 0.292;

    static final int MAX_EXCLAMATIONS = 4;

    static final double BEFORE_CONTRAST = 0.5;

    static final double AFTER_CONTRAST = 1.5;

    /** VADER's normalisation constant: sum / √(sum² + ALPHA). */
    static final double ALPHA = 15;

    /** A score at least this far from 0 decides, unless the evidence is mixed. */
    static final double DECISIVE = 0.3;

    /** Below this, words with a valence hardly lean either way: neutral. */
    static final double NEUTRAL = 0.1;

    /** Positive and negative evidence this close to each other (smaller / larger) is mixed. */
    static final double MIXED = 0.6;

    private static final double[] DECAY = {1, 0.95, 0.9};

    private SentimentScoring() {}

    static Score score(
            List<Scan.Token> tokens,
            String language,
            boolean allShouted,
            int exclamations,
            @Nullable String[] stems,
            SentimentCorrections corrections) {
        Lexicon lexicon = Lexicon.of(language);
        Cues cues = Cues.of(language);
        int n = tokens.size();
        double[] values = new double[n];
        int contrast = -1;
        for (int i = 0; i < n; i++) {
            Scan.Token token = tokens.get(i);
            if (!token.word()) {
                values[i] = Emotes.valence(token.text());
                continue;
            }
            String word = token.text();
            if (cues.contrasts().contains(word)) {
                contrast = i;
            }
            if (cues.steers(word)) {
                continue;
            }
            double v = lexicon == null ? 0 : lexicon.valence(word, stems == null ? null : stems[i]);
            v += corrections.adjustment(language, lexicon == null ? word : lexicon.key(word));
            if (v != 0) {
                values[i] = modified(v, tokens, i, cues, token.shouted() && !allShouted);
            }
        }
        double positive = 0;
        double negative = 0;
        int hits = 0;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (contrast >= 0) {
                v *= i < contrast ? BEFORE_CONTRAST : AFTER_CONTRAST;
            }
            if (v > 0) {
                positive += v;
            } else if (v < 0) {
                negative -= v;
            }
            hits += v == 0 ? 0 : 1;
        }
        if (hits == 0) {
            return lexicon == null
                    ? new Score(Sentiment.UNCLEAR, 0, 0)
                    : new Score(Sentiment.NEUTRAL, 0, neutralConfidence(tokens.size()));
        }
        double sum = positive - negative;
        if (sum != 0) {
            sum += Math.signum(sum) * Math.min(exclamations, MAX_EXCLAMATIONS) * EXCLAMATION;
        }
        double score = sum / Math.sqrt(sum * sum + ALPHA);
        double balance = Math.min(positive, negative) / Math.max(positive, negative);
        double confidence = Math.abs(score) * (1 - balance);
        Sentiment sentiment;
        if (balance >= MIXED) {
            sentiment = Sentiment.UNCLEAR;
        } else if (score >= DECISIVE) {
            sentiment = Sentiment.POSITIVE;
        } else if (score <= -DECISIVE) {
            sentiment = Sentiment.NEGATIVE;
        } else if (Math.abs(score) < NEUTRAL) {
            sentiment = Sentiment.NEUTRAL;
            confidence = 1 - Math.abs(score) / NEUTRAL;
        } else {
            sentiment = Sentiment.UNCLEAR;
        }
        return new Score(sentiment, score, confidence);
    }

    /** A text without any feeling words is surely neutral when it is long enough to have had some. */
    private static double neutralConfidence(int words) {
        return Math.min(1, words / 8.0);
    }

    private static double modified(double valence, List<Scan.Token> tokens, int at, Cues cues, boolean shouted) {
        double sign = Math.signum(valence);
        double v = valence + (shouted ? sign * SHOUT : 0);
        boolean negated = false;
        for (int k = 1; k <= 3 && at - k >= 0; k++) {
            Scan.Token before = tokens.get(at - k);
            if (!before.word()) {
                break;
            }
            String word = before.text();
            if (cues.boosters().contains(word)) {
                v += sign * BOOST * DECAY[k - 1];
            } else if (cues.dampeners().contains(word)) {
                v -= sign * BOOST * DECAY[k - 1];
            } else if (cues.negates(word)) {
                negated = true;
            }
        }
        return negated ? v * NEGATION : v;
    }
}
