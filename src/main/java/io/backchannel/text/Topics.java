package io.backchannel.text;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The caller's topics, each a set of keywords or phrases ("dark mode", "Rechnung"), matched on the normalised,
 * lower-cased words of a post and, for English and German posts, on their stems. Build once (for example when the
 * topics are saved) and share: matching is thread-safe.
 */
public final class Topics {

    private static final Topics NONE = new Topics(Map.of());

    private final Phrases phrases;

    private Topics(Map<String, ? extends Collection<String>> keywords) {
        this.phrases = new Phrases(keywords);
    }

    /** Topics from topic name → keywords and phrases; blank keywords are ignored. */
    public static Topics of(Map<String, ? extends Collection<String>> keywords) {
        return keywords.isEmpty() ? NONE : new Topics(keywords);
    }

    public static Topics none() {
        return NONE;
    }

    Set<String> find(String[] words, String[] stems, String language) {
        return phrases.isEmpty() ? Set.of() : phrases.find(words, stems, language);
    }
}
