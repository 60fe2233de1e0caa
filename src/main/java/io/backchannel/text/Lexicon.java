package io.backchannel.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.GermanStemmer;

/**
 * The sentiment lexicons the build fetches (see pom.xml): VADER for English (valences −4 … +4, looked up by the
 * lower-cased word) and SentiCon of nlp.js for German (−1 … +1, scaled to VADER's range, looked up by the word folded
 * to ASCII and then by its Snowball stem, as nlp.js stores stems), with our own German valences by word before it.
 * Each loads on first use.
 */
final class Lexicon {

    static final String DIRECTORY = "/io/backchannel/text/lexicon/";

    /** SentiCon's −1 … +1 on VADER's scale, where "good" is 1.9 and "bad" −2.5. */
    static final double GERMAN_SCALE = 4.0;

    /** SentiCon holds many stems scored near zero that would only add noise. */
    static final double GERMAN_NOISE = 0.02;

    private final Map<String, Float> valences;

    /** The valences by Snowball stem (folded), for the forms a lexicon does not list ("crashes" from "crash"). */
    private final Map<String, Float> stems;

    private final boolean german;

    private Lexicon(Map<String, Float> valences, Map<String, Float> stems, boolean german) {
        this.valences = valences;
        this.stems = stems;
        this.german = german;
    }

    /** The lexicon of a language, or null for a language without one. */
    static @Nullable Lexicon of(String language) {
        return switch (language) {
            case "en" -> English.LEXICON;
            case "de" -> German.LEXICON;
            default -> null;
        };
    }

    /** The key a word is learnt under for this language: the lower-cased word, in German folded to ASCII. */
    String key(String word) {
        return german ? fold(word) : word;
    }

    /** The valence of a word by its {@link #key} or else by its stem (folded), 0 when the lexicon knows neither. */
    double valence(String key, String stem) {
        Float direct = valences.get(key);
        if (direct != null) {
            return direct;
        }
        Float stemmed = stems.get(stem);
        return stemmed == null ? 0 : stemmed;
    }

    /** A new stemmer for the language (Snowball stemmers keep state, so one per analysis), or null. */
    static @Nullable SnowballStemmer stemmer(String language) {
        return switch (language) {
            case "en" -> new EnglishStemmer();
            case "de" -> new GermanStemmer();
            default -> null;
        };
    }

    static String stem(SnowballStemmer stemmer, String word) {
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    /** Each word's stem, folded to ASCII (as lexicon and phrases store their stems). */
    static String[] stems(SnowballStemmer stemmer, String[] words) {
        String[] stems = new String[words.length];
        for (int i = 0; i < words.length; i++) {
            stems[i] = fold(stem(stemmer, words[i]));
        }
        return stems;
    }

    static String fold(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) > 0x7f) {
                return word.replace("ä", "a")
                        .replace("ö", "o")
                        .replace("ü", "u")
                        .replace("ß", "ss");
            }
        }
        return word;
    }

    /**
     * The lexicon file as the build unpacked it, or an empty stream when the build could not fetch it (the German one
     * needs npm): the language then has no word valences and its sentiment comes out UNCLEAR, with a warning.
     */
    private static InputStream open(String name) {
        InputStream in = Lexicon.class.getResourceAsStream(DIRECTORY + name);
        if (in == null) {
            LoggerFactory.getLogger(Lexicon.class)
                    .warn(
                            "Sentiment lexicon {} is not on the class path (the build fetches it): no word valences",
                            name);
            return InputStream.nullInputStream();
        }
        return in;
    }

    private static final class English {
        static final Lexicon LEXICON = load();

        /** Lines of "word TAB mean TAB deviation TAB ratings". */
        private static Lexicon load() {
            Map<String, Float> map = new HashMap<>(10_000);
            try (var reader = new BufferedReader(
                    new InputStreamReader(open("vader_sentiment_lexicon.txt"), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    String[] fields = line.split("\t", 3);
                    if (fields.length >= 2) {
                        map.put(fields[0].toLowerCase(Locale.ROOT), Float.parseFloat(fields[1]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, Float> stems = new HashMap<>();
            var stemmer = new EnglishStemmer();
            // Only from base forms ("crash", "hate"), so that "opens" does not take the valence of "openness".
            map.forEach((word, valence) -> {
                String stem = stem(stemmer, word);
                if (word.length() - stem.length() <= 1 && word.chars().allMatch(Character::isLetter)) {
                    stems.putIfAbsent(stem, valence);
                }
            });
            return new Lexicon(Map.copyOf(map), Map.copyOf(stems), false);
        }
    }

    private static final class German {
        private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(-?[0-9.]+(?:[eE]-?[0-9]+)?)");

        static final Lexicon LEXICON = load();

        /** Our own valences by word ({@code german-valences.tsv}), looked up ahead of SentiCon's by stem. */
        private static Map<String, Float> own() {
            Map<String, Float> own = new HashMap<>();
            InputStream resource = Lexicon.class.getResourceAsStream("german-valences.tsv");
            if (resource == null) {
                throw new IllegalStateException("german-valences.tsv is missing from the class path");
            }
            try (InputStream in = resource) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String[] fields = line.split("\t");
                    if (fields.length == 2 && !line.startsWith("#")) {
                        own.put(fold(fields[0].strip()), Float.parseFloat(fields[1].strip()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.copyOf(own);
        }

        /** One JSON object of stem → score. */
        private static Lexicon load() {
            Map<String, Float> map = new HashMap<>(8_000);
            try (InputStream in = open("senticon_de.json")) {
                var matcher = ENTRY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (matcher.find()) {
                    double score = Double.parseDouble(matcher.group(2));
                    if (Math.abs(score) >= GERMAN_NOISE) {
                        map.put(fold(matcher.group(1)), (float) (score * GERMAN_SCALE));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, Float> words = new HashMap<>(map);
            words.putAll(own());
            return new Lexicon(Map.copyOf(words), Map.copyOf(map), true);
        }
    }
}
