package io.backchannel.text;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lexicon sentiment in the manner of VADER: word valences, turned by a negation among the three words before in the
 * same sentence, strengthened by intensifiers and capitals, weakened by dampeners; after a contrast word ("but",
 * "aber") the words count more than before it; exclamation marks add emphasis; emoji and emoticons count in every
 * language. The sum is squashed into −1 … +1. Strong one-sided evidence decides; no evidence is neutral; the rest (weak
 * or mixed) is unclear.
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
    static final double DECISIVE = 0.2;

    /** Below this, words with a valence hardly lean either way: neutral. */
    static final double NEUTRAL = 0.05;

    /** Positive and negative evidence this close to each other (smaller / larger) is mixed. */
    static final double MIXED = 0.6;

    private static final double[] DECAY = {1, 0.95, 0.9};

    /** The valence of each phrase below: as strong as "bad" or "good". */
    static final double PHRASE = 2.0;

    /**
     * What customers say of a product or service that fails them, in English and German: negative phrases for the
     * sentiment and complaint keywords for the intents.
     */
    static final List<String> FAULTS = List.of(
            "broke",
            "broken",
            "defekt",
            "does not work",
            "doesn't work",
            "funktioniert nicht",
            "geht nicht",
            "geld zurück",
            "kaputt",
            "not working",
            "still waiting",
            "stopped working",
            "stürzt ab",
            "warte immer noch");

    private static final String POSITIVE_PHRASE = "positive";

    private static final String NEGATIVE_PHRASE = "negative";

    /**
     * What customers say of products and services whose words alone carry no feeling ("doesn't work"): each direction
     * found counts once with {@link #PHRASE}, before any contrast word.
     */
    private static final Phrases PHRASES = new Phrases(Map.of(
            NEGATIVE_PHRASE,
            Phrases.concat(
                    FAULTS,
                    "didn't work",
                    "did not work",
                    "no longer works",
                    "no longer working",
                    "won't turn on",
                    "doesn't charge",
                    "doesn't hold",
                    "waste of money",
                    "don't buy",
                    "do not buy",
                    "not worth",
                    "returned it",
                    "fell apart",
                    "crashed",
                    "keeps crashing",
                    "never arrived",
                    "no response",
                    "junk",
                    "ging nicht",
                    "abgestürzt",
                    "keine antwort",
                    "nie wieder",
                    "schrott",
                    "finger weg",
                    "lässt sich nicht",
                    "reagiert nicht",
                    "lädt nicht",
                    // A service that fails them: late, cancelled, nobody says anything.
                    "too late",
                    "delayed again",
                    "cancelled again",
                    "no information",
                    "zu spät",
                    "fällt aus",
                    "fallen aus",
                    "schon wieder",
                    "keine info",
                    "keine informationen",
                    "kein zug",
                    "anschluss verpasst",
                    "nichts geht mehr",
                    "steht still"),
            POSITIVE_PHRASE,
            List.of(
                    "works great",
                    "works perfectly",
                    "works well",
                    "highly recommend",
                    "gets the job done",
                    "as described",
                    "funktioniert einwandfrei",
                    "funktioniert super",
                    "funktioniert perfekt",
                    "klappt super",
                    "sehr zufrieden",
                    "empfehlenswert",
                    "gerne wieder")));

    private SentimentScoring() {}

    /** {@code words} and {@code stems} are the tokens' texts and their stems, as {@link Phrases#find} takes them. */
    static Score score(
            List<Scan.Token> tokens,
            String language,
            boolean allShouted,
            int exclamations,
            String[] words,
            String[] stems,
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
            String key = lexicon == null ? word : lexicon.key(word);
            double v = lexicon == null ? 0 : lexicon.valence(key, stems[i]);
            if (v != 0) {
                v = modified(v, tokens, i, cues, token.shouted() && !allShouted);
            }
            // Learnt from whole texts as they were written, so no negation before the word turns it.
            values[i] = v + corrections.adjustment(language, key);
        }
        Set<String> phrases = PHRASES.find(words, stems, language);
        double positive = phrases.contains(POSITIVE_PHRASE) ? PHRASE : 0;
        double negative = phrases.contains(NEGATIVE_PHRASE) ? PHRASE : 0;
        int hits = positive + negative > 0 ? 1 : 0;
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
            if (!before.word() || tokens.get(at - k + 1).sentenceStart()) {
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
