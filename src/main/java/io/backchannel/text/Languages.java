package io.backchannel.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.normalizer.AggregateCharSequenceNormalizer;
import opennlp.tools.util.normalizer.CharSequenceNormalizer;
import opennlp.tools.util.normalizer.EmojiCharSequenceNormalizer;
import opennlp.tools.util.normalizer.NumberCharSequenceNormalizer;
import opennlp.tools.util.normalizer.ShrinkCharSequenceNormalizer;
import opennlp.tools.util.normalizer.TwitterCharSequenceNormalizer;
import opennlp.tools.util.normalizer.UrlCharSequenceNormalizer;
import org.jspecify.annotations.Nullable;

/**
 * Which language a text is written in, as an ISO 639-1 code ("de"), or {@link #UNKNOWN} when the text is too short or
 * the guess is not clearly better than the next one. Uses the Apache OpenNLP model of 103 languages (Leipzig corpora),
 * loaded on first use (about 0.6 s and 10 MB) and shared by all threads.
 */
public final class Languages {

    public static final String UNKNOWN = "unknown";

    /** The model file inside {@code opennlp-models-langdetect}. */
    static final String MODEL = "/langdetect-183.bin";

    /** Fewer letters than this say too little; an ideograph or syllable block counts as {@link #DENSE} letters. */
    static final int MIN_LETTERS = 12;

    static final int DENSE = 3;

    /** Longer texts add cost but no certainty. */
    static final int MAX_CHARS = 2_000;

    /** The best guess must beat the runner-up by this factor, and the even spread by {@link #ABOVE_EVEN}. */
    static final double LEAD = 1.15;

    static final double ABOVE_EVEN = 1.5;

    /**
     * The model's ISO 639-3 codes whose ISO 639-1 code the JDK does not know: individual languages of a macrolanguage,
     * and both Norwegian written standards as "no".
     */
    private static final Map<String, String> INDIVIDUAL = Map.of(
            "cmn", "zh",
            "nob", "no",
            "nno", "no",
            "pes", "fa",
            "lvs", "lv",
            "ekk", "et",
            "plt", "mg",
            "pnb", "pa");

    private Languages() {}

    /** The ISO 639-1 code of the text's language, or {@link #UNKNOWN}; never throws for any string. */
    public static String detect(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return UNKNOWN;
        }
        String sample = cut(text, MAX_CHARS);
        if (weight(sample) < MIN_LETTERS) {
            return UNKNOWN;
        }
        String script = byScript(sample);
        if (script != null) {
            return script;
        }
        return best(Model.guesses(sample), Model.LANGUAGES);
    }

    /**
     * The language of a short post, which the general {@link #detect(String)} often leaves unknown: the guesses are
     * weighed toward the languages posts to us are mostly written in ({@link #POSTS}) and further toward the platform's
     * hint, and a text too short to judge takes the hint. Never throws.
     *
     * @param hint a language tag the platform gave ("de", "pt-BR", "nb"), or null
     */
    public static String detect(@Nullable String text, @Nullable String hint) {
        String prior = hint == null || hint.isBlank() ? null : code(hint);
        if (UNKNOWN.equals(prior)) {
            prior = null;
        }
        if (text == null || text.isBlank()) {
            return prior == null ? UNKNOWN : prior;
        }
        String sample = cut(text, MAX_CHARS);
        String script = byScript(sample);
        if (script != null) {
            // Japanese written in kanji alone looks Chinese; the platform knows better.
            return script.equals("zh") && "ja".equals(prior) ? prior : script;
        }
        if (weight(sample) < MIN_POST_LETTERS) {
            return prior == null ? UNKNOWN : prior;
        }
        Map<String, Integer> functionWords = functionWords(sample);
        String sure = byFunctionWords(functionWords, prior);
        return sure != null ? sure : weighed(Model.guesses(sample), prior, functionWords);
    }

    /** This many function words of one language and none of another decide without the model. */
    static final int SURE_FUNCTION_WORDS = 3;

    /**
     * The language the function words alone make sure of, sparing the model (the costliest step by far): the hint when
     * its function words occur and no other language's do more, or a language with {@link #SURE_FUNCTION_WORDS} of its
     * own and none of another's. Null when they leave it open.
     */
    static @Nullable String byFunctionWords(Map<String, Integer> hits, @Nullable String prior) {
        Leaders leaders = Leaders.of(hits);
        if (prior != null && hits.getOrDefault(prior, 0) > 0 && hits.get(prior) == leaders.first()) {
            return prior;
        }
        return leaders.first() >= SURE_FUNCTION_WORDS && leaders.second() == 0 ? leaders.best() : null;
    }

    /** The language with the highest value, its value and the runner-up's; {@code best} is null for no values. */
    private record Leaders(@Nullable String best, double first, double second) {

        static Leaders of(Map<String, ? extends Number> values) {
            String best = null;
            double first = 0;
            double second = 0;
            for (var entry : values.entrySet()) {
                double value = entry.getValue().doubleValue();
                if (value > first) {
                    second = first;
                    first = value;
                    best = entry.getKey();
                } else if (value > second) {
                    second = value;
                }
            }
            return new Leaders(best, first, second);
        }
    }

    /**
     * The most frequent small words of the Latin-script post languages (our own lists). Character n-grams say little
     * about a post of three words; its articles, auxiliaries and negations say much. Only the words of a single list
     * count ({@link #DISTINCT_FUNCTION_WORDS}): "de" or "que" would favour whichever languages happen to list them.
     */
    static final Map<String, Set<String>> FUNCTION_WORDS = Map.of(
            "en",
            Set.of(
                    "the", "and", "are", "it", "this", "that", "not", "you", "with", "have", "does", "doesn't", "don't",
                    "to", "my", "your", "what", "why", "how", "will", "can't", "i'm", "it's"),
            "de",
            Set.of(
                    "der", "die", "und", "ist", "nicht", "ich", "mit", "auf", "für", "sind", "wir", "ihr", "mein",
                    "kein", "auch", "noch", "schon", "wie", "warum", "bitte", "danke", "geht"),
            "es",
            Set.of("el", "los", "las", "y", "muy", "pero", "gracias", "cuando", "qué", "esto", "está"),
            "pt",
            Set.of(
                    "é",
                    "não",
                    "em",
                    "um",
                    "isso",
                    "você",
                    "muito",
                    "obrigado",
                    "obrigada",
                    "meu",
                    "minha",
                    "quando",
                    "está"),
            "fr",
            Set.of(
                    "les", "est", "et", "ne", "pas", "je", "elle", "c'est", "ça", "merci", "très", "quand", "des",
                    "pour", "avec", "mon"),
            "it",
            Set.of("gli", "è", "che", "di", "per", "mio", "mia", "sono", "grazie", "molto", "più", "della"),
            "nl",
            Set.of(
                    "het", "een", "niet", "ik", "met", "voor", "op", "van", "mijn", "dit", "maar", "wanneer", "werkt",
                    "bedankt", "geen", "nog", "wel"),
            "no",
            Set.of(
                    "og", "er", "ikke", "jeg", "det", "med", "på", "av", "som", "når", "virker", "takk", "hva",
                    "hvorfor", "har"));

    /** Function word → its language, for the words only one language lists. */
    private static final Map<String, String> DISTINCT_FUNCTION_WORDS = distinct(FUNCTION_WORDS);

    private static Map<String, String> distinct(Map<String, Set<String>> lists) {
        Map<String, String> owner = new HashMap<>();
        Set<String> shared = new java.util.HashSet<>();
        lists.forEach((language, words) -> words.forEach(word -> {
            if (owner.putIfAbsent(word, language) != null) {
                shared.add(word);
            }
        }));
        owner.keySet().removeAll(shared);
        return Map.copyOf(owner);
    }

    /** Each function word found multiplies its language's weight by this. */
    static final double FUNCTION_WORD_PRIOR = 3;

    /** More hits than this add nothing: a long text is judged by the model. */
    static final int MAX_FUNCTION_WORDS = 4;

    /**
     * How many of each language's function words the text holds, counted per occurrence; a word is a run of letters
     * and apostrophes.
     */
    static Map<String, Integer> functionWords(String text) {
        Map<String, Integer> hits = new HashMap<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); ) {
            int cp = i < lower.length() ? lower.codePointAt(i) : ' ';
            boolean inWord = Character.isLetter(cp) || cp == '\'';
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                String language = DISTINCT_FUNCTION_WORDS.get(lower.substring(start, i));
                if (language != null) {
                    hits.merge(language, 1, Integer::sum);
                }
                start = -1;
            }
            i += Character.charCount(cp);
        }
        return hits;
    }

    /** The ISO 639-1 code of a language tag: "pt-BR" is "pt", "nb" and "nn" are "no", "zh-Hant" is "zh". */
    public static String code(String tag) {
        String primary = tag.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        if (primary.equals("nb") || primary.equals("nn")) {
            return "no";
        }
        if (primary.length() == 3) {
            return iso1(primary);
        }
        return primary.length() == 2 && primary.chars().allMatch(c -> c >= 'a' && c <= 'z') ? primary : UNKNOWN;
    }

    /** The languages most posts to us are written in; a guess among them weighs {@link #POST_PRIOR} times more. */
    static final Set<String> POSTS = Set.of("en", "de", "es", "pt", "fr", "it", "nl", "no", "zh", "ja", "ko");

    static final double POST_PRIOR = 20;

    /** The platform's hint weighs this many times more again. */
    static final double HINT_PRIOR = 4;

    /** A post this short is still worth a guess among the likely languages (a general text needs {@link #MIN_LETTERS}). */
    static final int MIN_POST_LETTERS = 4;

    /** The best guess after the priors (post languages, function words, hint), a language with two standards (Bokmål, Nynorsk) by the likelier; the hint if none leads. */
    static String weighed(Language[] guesses, @Nullable String prior, Map<String, Integer> functionWords) {
        Map<String, Double> weights = new HashMap<>();
        for (Language guess : guesses) {
            String code = iso1(guess.getLang());
            if (!code.equals(UNKNOWN)) {
                int hits = Math.min(MAX_FUNCTION_WORDS, functionWords.getOrDefault(code, 0));
                double weight = guess.getConfidence()
                        * (POSTS.contains(code) ? POST_PRIOR : 1)
                        * Math.pow(FUNCTION_WORD_PRIOR, hits);
                weights.merge(code, code.equals(prior) ? weight * HINT_PRIOR : weight, Math::max);
            }
        }
        Leaders leaders = Leaders.of(weights);
        String best = leaders.best() == null ? UNKNOWN : leaders.best();
        if (leaders.first() > 0 && leaders.first() >= POST_LEAD * leaders.second()) {
            return best;
        }
        return prior == null ? best : prior;
    }

    /** A post's best guess needs only a slight lead over the runner-up; below it the hint wins, if there is one. */
    static final double POST_LEAD = 1.05;

    /** Every code {@link #detect} can answer, {@link #UNKNOWN} included. */
    public static Set<String> codes() {
        var codes = new TreeSet<>(Model.CODES.values());
        codes.add(UNKNOWN);
        return codes;
    }

    /** The ISO 639-1 code for an ISO 639-3 code, or {@link #UNKNOWN} for languages without one. */
    static String iso1(String iso3) {
        String individual = INDIVIDUAL.get(iso3);
        if (individual != null) {
            return individual;
        }
        return ISO3_TO_ISO1.getOrDefault(iso3, UNKNOWN);
    }

    /**
     * The best guess if it leads the best guess of another language clearly; the two Norwegian standards count as one
     * language, so that their closeness does not hide a clear "no".
     */
    static String best(Language[] guesses, int languages) {
        if (guesses.length == 0) {
            return UNKNOWN;
        }
        var ranked = Arrays.stream(guesses)
                .sorted(Comparator.comparingDouble(Language::getConfidence).reversed())
                .toList();
        String code = iso1(ranked.get(0).getLang());
        double first = ranked.get(0).getConfidence();
        double second = ranked.stream()
                .filter(guess -> !iso1(guess.getLang()).equals(code))
                .mapToDouble(Language::getConfidence)
                .findFirst()
                .orElse(0);
        boolean clear = first >= ABOVE_EVEN / languages && first >= LEAD * second;
        return clear ? code : UNKNOWN;
    }

    /**
     * Chinese, Japanese and Korean by their scripts, which is surer than the model for short texts: Hangul is Korean,
     * kana is Japanese, ideographs without kana are Chinese. Null when the text is mostly in other scripts, each ideograph or syllable counting as {@link #DENSE} letters.
     */
    static @Nullable String byScript(String text) {
        int letters = 0;
        int han = 0;
        int kana = 0;
        int hangul = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            switch (Character.UnicodeScript.of(cp)) {
                case HAN -> han += DENSE;
                case HIRAGANA, KATAKANA -> kana += DENSE;
                case HANGUL -> hangul += DENSE;
                default -> letters++;
            }
        }
        letters += han + kana + hangul;
        if (2 * hangul > letters) {
            return "ko";
        }
        if (kana > 0 && 2 * (kana + han) > letters) {
            return "ja";
        }
        return 2 * han > letters ? "zh" : null;
    }

    /** The text's first {@code max} chars at most, not splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** How much language the text holds: letters, with ideographs, kana and Hangul counting more. */
    static int weight(String text) {
        return text.codePoints()
                .filter(Character::isLetter)
                .map(cp -> dense(cp) ? DENSE : 1)
                .sum();
    }

    private static boolean dense(int codePoint) {
        var script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }

    private static final Map<String, String> ISO3_TO_ISO1 = iso3ToIso1();

    private static Map<String, String> iso3ToIso1() {
        Map<String, String> map = new HashMap<>();
        for (String iso1 : Locale.getISOLanguages()) {
            try {
                map.putIfAbsent(Locale.of(iso1).getISO3Language(), iso1);
            } catch (java.util.MissingResourceException e) {
                // The JDK knows no three-letter code for it; the model cannot name it then either.
            }
        }
        return map;
    }

    /** Holder: the model loads when a text is first long enough to detect, once, however many threads ask. */
    private static final class Model {

        static final MaxentModel MAXENT;

        /** The normalisers of the model's own context generator ({@code LanguageDetectorFactory}), in its order. */
        static final CharSequenceNormalizer NORMALISER = new AggregateCharSequenceNormalizer(
                EmojiCharSequenceNormalizer.getInstance(),
                UrlCharSequenceNormalizer.getInstance(),
                TwitterCharSequenceNormalizer.getInstance(),
                NumberCharSequenceNormalizer.getInstance(),
                ShrinkCharSequenceNormalizer.getInstance());

        /** The model's outcomes (ISO 639-3), by index. */
        static final String[] OUTCOMES;

        static final Map<String, String> CODES;

        static final int LANGUAGES;

        /** The model's features are the distinct lower-cased character n-grams of these lengths. */
        static final int MIN_GRAM = 1;

        static final int MAX_GRAM = 3;

        static {
            try (InputStream in = Languages.class.getResourceAsStream(MODEL)) {
                if (in == null) {
                    throw new IllegalStateException("Language model " + MODEL + " is not on the class path");
                }
                var model = new LanguageDetectorModel(in);
                MAXENT = model.getMaxentModel();
                OUTCOMES = new String[MAXENT.getNumOutcomes()];
                Arrays.setAll(OUTCOMES, MAXENT::getOutcome);
                LANGUAGES = OUTCOMES.length;
                Map<String, String> codes = new HashMap<>();
                Arrays.stream(OUTCOMES).forEach(iso3 -> {
                    String iso1 = iso1(iso3);
                    if (!iso1.equals(UNKNOWN)) {
                        codes.put(iso3, iso1);
                    }
                });
                CODES = Map.copyOf(codes);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the language model " + MODEL, e);
            }
        }

        /**
         * The model's probability of every language, unsorted: what {@code LanguageDetectorME.predictLanguages}
         * computes (same normalisers, same distinct n-grams, same model), without its char-buffer n-gram counting
         * and sorting, which cost more than the model itself on a short post.
         */
        static Language[] guesses(String text) {
            String lower = lowerCase(NORMALISER.normalize(text));
            var grams = new HashSet<String>(8 * lower.length());
            for (int length = MIN_GRAM; length <= MAX_GRAM; length++) {
                for (int at = 0; at + length <= lower.length(); at++) {
                    grams.add(lower.substring(at, at + length));
                }
            }
            double[] probabilities = MAXENT.eval(grams.toArray(String[]::new));
            var guesses = new Language[probabilities.length];
            for (int i = 0; i < guesses.length; i++) {
                guesses[i] = new Language(OUTCOMES[i], probabilities[i]);
            }
            return guesses;
        }

        /** Lower case char by char, as OpenNLP's {@code StringUtil.toLowerCase} does (so lengths stay). */
        private static String lowerCase(CharSequence text) {
            var chars = new char[text.length()];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = Character.toLowerCase(text.charAt(i));
            }
            return new String(chars);
        }
    }
}
