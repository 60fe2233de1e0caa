package io.backchannel.text;

import java.util.Set;

/**
 * The small words that steer a sentiment and the rule-based intents, in English and German: negations, intensifiers,
 * dampeners, contrast ("but"), question words, and words too common to learn from. Our own lists.
 */
record Cues(
        Set<String> negations,
        Set<String> boosters,
        Set<String> dampeners,
        Set<String> contrasts,
        Set<String> questionStarts,
        Set<String> function) {

    static final Cues ENGLISH = new Cues(
            Set.of(
                    "not",
                    "no",
                    "never",
                    "nothing",
                    "nobody",
                    "none",
                    "neither",
                    "nor",
                    "nowhere",
                    "without",
                    "cannot",
                    "cant",
                    "dont",
                    "doesnt",
                    "didnt",
                    "isnt",
                    "arent",
                    "wasnt",
                    "werent",
                    "wont",
                    "wouldnt",
                    "shouldnt",
                    "couldnt",
                    "havent",
                    "hasnt",
                    "hadnt",
                    "aint",
                    "rarely",
                    "seldom",
                    "hardly"),
            Set.of(
                    "very",
                    "really",
                    "so",
                    "extremely",
                    "totally",
                    "absolutely",
                    "completely",
                    "super",
                    "incredibly",
                    "utterly",
                    "highly",
                    "most",
                    "too",
                    "truly",
                    "especially",
                    "hugely",
                    "seriously",
                    "damn"),
            Set.of("slightly", "somewhat", "kinda", "kindof", "barely", "bit", "little", "marginally", "partly"),
            Set.of("but", "however", "although", "though", "yet"),
            Set.of(
                    "what", "why", "how", "when", "where", "who", "which", "whom", "whose", "can", "could", "does",
                    "do", "did", "is", "are", "was", "will", "would", "should", "anyone", "anybody", "has", "have",
                    "may"),
            Set.of(
                    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "is", "are", "was",
                    "were", "be", "been", "it", "its", "it's", "this", "that", "these", "those", "i", "you", "we",
                    "they", "he", "she", "my", "your", "our", "their", "me", "us", "them", "from", "by", "as", "just",
                    "have", "has", "had", "do", "does", "did", "will", "would", "can", "could", "there", "here", "what",
                    "then"));

    static final Cues GERMAN = new Cues(
            Set.of(
                    "nicht",
                    "kein",
                    "keine",
                    "keinen",
                    "keinem",
                    "keiner",
                    "keines",
                    "nie",
                    "niemals",
                    "nichts",
                    "niemand",
                    "ohne",
                    "weder",
                    "keinesfalls",
                    "keineswegs",
                    "kaum"),
            Set.of(
                    "sehr",
                    "total",
                    "extrem",
                    "echt",
                    "wirklich",
                    "so",
                    "voll",
                    "super",
                    "richtig",
                    "absolut",
                    "völlig",
                    "komplett",
                    "äußerst",
                    "besonders",
                    "ziemlich",
                    "mega",
                    "unglaublich",
                    "zu"),
            Set.of("etwas", "bisschen", "leicht", "wenig", "einigermaßen", "teilweise", "halbwegs"),
            Set.of("aber", "jedoch", "allerdings", "trotzdem", "dennoch", "sondern"),
            Set.of(
                    "was",
                    "warum",
                    "wieso",
                    "weshalb",
                    "wie",
                    "wann",
                    "wo",
                    "woher",
                    "wohin",
                    "wer",
                    "wen",
                    "wem",
                    "welche",
                    "welcher",
                    "welches",
                    "kann",
                    "können",
                    "könnt",
                    "könnte",
                    "gibt",
                    "hat",
                    "habt",
                    "ist",
                    "sind",
                    "seid",
                    "weiß",
                    "wisst",
                    "funktioniert",
                    "geht",
                    "wird",
                    "werdet",
                    "muss",
                    "soll"),
            Set.of(
                    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und", "oder",
                    "ist", "sind", "war", "waren", "ich", "du", "er", "sie", "es", "wir", "ihr", "mein", "meine",
                    "dein", "euer", "eure", "mit", "von", "zu", "zum", "zur", "im", "in", "an", "am", "auf", "für",
                    "bei", "aus", "auch", "mal", "doch", "ja", "hat", "habe", "haben", "wird", "werden", "dass", "mir",
                    "mich", "uns", "euch", "dann", "hier", "da", "schon"));

    /** Cues of other languages are empty: no negation or contrast is understood there. */
    static final Cues NONE = new Cues(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    static Cues of(String language) {
        return switch (language) {
            case "en" -> ENGLISH;
            case "de" -> GERMAN;
            default -> NONE;
        };
    }

    /** "don't", "isn't", "can't" and their apostrophe-less spellings negate too. */
    boolean negates(String word) {
        return negations.contains(word) || (this == ENGLISH && word.endsWith("n't"));
    }

    boolean steers(String word) {
        return negates(word) || boosters.contains(word) || dampeners.contains(word) || contrasts.contains(word);
    }
}
