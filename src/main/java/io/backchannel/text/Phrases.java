package io.backchannel.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.GermanStemmer;

/**
 * Named sets of keywords and phrases, matched against a text's words: a word matches when it equals the keyword's word
 * lower-cased, or when both have the same English or German Snowball stem in a text of that language ("crashes" matches
 * "crash", "Rechnungen" matches "Rechnung"). Built once, then shared by all threads.
 */
final class Phrases {

    private record Phrase(String name, String[] words, String[] english, String[] german) {}

    /** Each phrase under its first word, its first English stem and its first German stem. */
    private final Map<String, List<Phrase>> byFirst = new HashMap<>();

    Phrases(Map<String, ? extends Iterable<String>> sets) {
        var english = new EnglishStemmer();
        var german = new GermanStemmer();
        sets.forEach((name, phrases) -> {
            for (String text : phrases) {
                String[] words = Scan.of(Normalisation.normalise(text)).tokens.stream()
                        .filter(Scan.Token::word)
                        .map(Scan.Token::text)
                        .toArray(String[]::new);
                if (words.length == 0) {
                    continue;
                }
                String[] en = stems(english, words);
                String[] de = stems(german, words);
                var phrase = new Phrase(name, words, en, de);
                for (String key : Set.of(words[0], "en:" + en[0], "de:" + de[0])) {
                    byFirst.computeIfAbsent(key, k -> new ArrayList<>()).add(phrase);
                }
            }
        });
    }

    private static String[] stems(org.tartarus.snowball.SnowballStemmer stemmer, String[] words) {
        String[] stems = new String[words.length];
        for (int i = 0; i < words.length; i++) {
            stems[i] = Lexicon.fold(Lexicon.stem(stemmer, words[i]));
        }
        return stems;
    }

    boolean isEmpty() {
        return byFirst.isEmpty();
    }

    /** The names whose phrases occur in the words; {@code stems} are the words' stems in {@code language}. */
    Set<String> find(String[] words, String[] stems, String language) {
        Set<String> found = new LinkedHashSet<>();
        String prefix = language + ":";
        for (int i = 0; i < words.length; i++) {
            collect(byFirst.get(words[i]), words, stems, language, i, found);
            collect(byFirst.get(prefix + stems[i]), words, stems, language, i, found);
        }
        return found;
    }

    private static void collect(
            @Nullable List<Phrase> candidates,
            String[] words,
            String[] stems,
            String language,
            int at,
            Set<String> found) {
        if (candidates == null) {
            return;
        }
        for (Phrase phrase : candidates) {
            if (!found.contains(phrase.name()) && matches(phrase, words, stems, language, at)) {
                found.add(phrase.name());
            }
        }
    }

    private static boolean matches(Phrase phrase, String[] words, String[] stems, String language, int at) {
        if (at + phrase.words().length > words.length) {
            return false;
        }
        String[] phraseStems = "de".equals(language) ? phrase.german() : phrase.english();
        for (int j = 0; j < phrase.words().length; j++) {
            boolean same = phrase.words()[j].equals(words[at + j]) || (phraseStems[j].equals(stems[at + j]));
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
