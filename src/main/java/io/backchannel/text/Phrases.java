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

    /** Each phrase under its first word. */
    private final Map<String, List<Phrase>> byFirstWord = new HashMap<>();

    /** Each phrase under its first English stem, and under its first German stem: looked up without building keys. */
    private final Map<String, List<Phrase>> byFirstEnglish = new HashMap<>();

    private final Map<String, List<Phrase>> byFirstGerman = new HashMap<>();

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
                String[] en = Lexicon.stems(english, words);
                String[] de = Lexicon.stems(german, words);
                var phrase = new Phrase(name, words, en, de);
                byFirstWord.computeIfAbsent(words[0], k -> new ArrayList<>()).add(phrase);
                byFirstEnglish.computeIfAbsent(en[0], k -> new ArrayList<>()).add(phrase);
                byFirstGerman.computeIfAbsent(de[0], k -> new ArrayList<>()).add(phrase);
            }
        });
    }

    /** A shared list of phrases and more of a set's own. */
    static List<String> concat(List<String> shared, String... own) {
        var phrases = new ArrayList<>(shared);
        phrases.addAll(List.of(own));
        return List.copyOf(phrases);
    }

    boolean isEmpty() {
        return byFirstWord.isEmpty();
    }

    /** The names whose phrases occur in the words; {@code stems} are the words' stems in {@code language}. */
    Set<String> find(String[] words, String[] stems, String language) {
        Set<String> found = new LinkedHashSet<>();
        Map<String, List<Phrase>> byFirstStem =
                switch (language) {
                    case "en" -> byFirstEnglish;
                    case "de" -> byFirstGerman;
                    default -> Map.of();
                };
        for (int i = 0; i < words.length; i++) {
            collect(byFirstWord.get(words[i]), words, stems, language, i, found);
            collect(byFirstStem.get(stems[i]), words, stems, language, i, found);
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
