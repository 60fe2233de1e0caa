package io.backchannel.text;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tartarus.snowball.SnowballStemmer;

/**
 * The analysis of a captured post: normalisation, language, sentiment, topics, intents, addresses, mentions and
 * hashtags, in one pass of pure functions. Thread-safe; the lexicons and the language model load on first use.
 */
public final class TextAnalysis {

    /** Longer texts are cut here: a post is short, and the analysis of a pasted book must not stall the inbox. */
    static final int MAX_CHARS = 20_000;

    private TextAnalysis() {}

    /** Analyses a post; {@code languageHint} is the platform's language tag if it gives one ("de", "pt-BR"). */
    public static Analysis analyse(@Nullable String text, @Nullable String languageHint, Topics topics) {
        return analyse(text, languageHint, topics, SentimentCorrections.none());
    }

    /** Analyses a post, with what staff corrections taught the sentiment. */
    public static Analysis analyse(
            @Nullable String text, @Nullable String languageHint, Topics topics, SentimentCorrections corrections) {
        String normalised = Normalisation.normalise(Languages.cut(text == null ? "" : text, MAX_CHARS));
        Scan scan = Scan.of(normalised);
        String language = Languages.detect(scan.prose(), languageHint);
        String[] words = scan.words();
        String[] stems = stems(words, language);
        var sentiment = SentimentScoring.score(
                scan.tokens, language, scan.allShouted(), scan.exclamationMarks, words, stems, corrections);
        return new Analysis(
                normalised,
                language,
                sentiment.sentiment(),
                sentiment.score(),
                sentiment.confidence(),
                topics.find(words, stems, language),
                Intents.of(words, stems, language, scan, sentiment),
                List.copyOf(scan.urls),
                List.copyOf(scan.mentions),
                List.copyOf(scan.hashtags));
    }

    /** The words of a text that a correction may adjust: not the small words every text has. */
    static Set<String> learnableWords(String normalised) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : Scan.of(normalised).words()) {
            if (word.length() > 2
                    && !Cues.ENGLISH.function().contains(word)
                    && !Cues.GERMAN.function().contains(word)
                    && !Cues.ENGLISH.steers(word)
                    && !Cues.GERMAN.steers(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /** The words' Snowball stems, folded to ASCII, in English or German; for other languages the words themselves. */
    private static String[] stems(String[] words, String language) {
        SnowballStemmer stemmer = Lexicon.stemmer(language);
        return stemmer == null ? words : Lexicon.stems(stemmer, words);
    }
}
