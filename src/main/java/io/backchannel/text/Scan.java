package io.backchannel.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One pass over a normalised text: words (lower-cased, with whether they were written in capitals), emoticons and
 * emoji as tokens, and the addresses, mentions and hashtags it contains.
 */
final class Scan {

    /**
     * A word, emoticon or emoji; {@code shouted} for a word of two or more letters written in capitals; {@code
     * sentenceStart} when a full stop, question or exclamation mark, semicolon or colon comes between it and the token
     * before, so that a negation does not reach into the next sentence.
     */
    record Token(String text, boolean shouted, boolean word, boolean sentenceStart) {}

    final List<Token> tokens = new ArrayList<>();

    final List<String> urls = new ArrayList<>(2);

    final List<String> mentions = new ArrayList<>(2);

    final List<String> hashtags = new ArrayList<>(2);

    int questionMarks;

    /** The words outside addresses, mentions and hashtags, each followed by a space: the sample for language. */
    private final StringBuilder prose = new StringBuilder();

    int exclamationMarks;

    /** A sentence ended since the last token. */
    private boolean stopped;

    /** Marks that end a sentence (or open one, as Spanish ¿ and ¡ do), also in CJK forms. */
    private static final String SENTENCE_ENDS = ".;:…。；：．?？¿!！¡";

    private Scan() {}

    static Scan of(String text) {
        var scan = new Scan();
        scan.run(text);
        return scan;
    }

    private void run(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            boolean boundary = i == 0 || !wordChar(s.codePointBefore(i));
            int end;
            if (boundary && (end = url(s, i)) > i) {
                urls.add(s.substring(i, end));
            } else if (boundary && cp == '@' && (end = mention(s, i)) > i) {
                mentions.add(s.substring(i, end));
            } else if (boundary && (cp == '#' || cp == '＃') && (end = hashtag(s, i)) > i) {
                String tag = s.substring(i + 1, end);
                hashtags.add(tag);
                add(tag.toLowerCase(Locale.ROOT), false, true);
            } else if (wordChar(cp) && !Character.isDigit(cp)) {
                end = word(s, i);
                String word = s.substring(i, end);
                addWord(word);
                prose.append(word).append(' ');
            } else if (boundary && !Character.isLetterOrDigit(cp) && (end = Emotes.emoticonEnd(s, i)) > i) {
                add(s.substring(i, end), false, false);
            } else {
                end = i + Character.charCount(cp);
                if (Emotes.isEmoji(cp)) {
                    add(s.substring(i, end), false, false);
                } else if (cp == '?' || cp == '？' || cp == '¿') {
                    questionMarks++;
                } else if (cp == '!' || cp == '！' || cp == '¡') {
                    exclamationMarks++;
                }
                stopped |= SENTENCE_ENDS.indexOf(cp) >= 0;
            }
            i = Math.max(end, i + 1);
        }
    }

    private void addWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        boolean shouted = word.length() > 1 && !word.equals(lower) && word.equals(word.toUpperCase(Locale.ROOT));
        add(lower, shouted, true);
    }

    private void add(String text, boolean shouted, boolean word) {
        tokens.add(new Token(text, shouted, word, stopped && !tokens.isEmpty()));
        stopped = false;
    }

    /** Every token's text, lower-cased: words, emoticons and emoji, in order. */
    String[] words() {
        String[] words = new String[tokens.size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = tokens.get(i).text();
        }
        return words;
    }

    String prose() {
        return prose.toString();
    }

    /** Whether every word of two or more letters is in capitals: then capitals say nothing about emphasis. */
    boolean allShouted() {
        boolean any = false;
        for (Token token : tokens) {
            if (token.word() && token.text().length() > 1 && hasLetter(token.text())) {
                if (!token.shouted()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static boolean hasLetter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean wordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK || cp == '_';
    }

    /** A word runs over letters, digits and marks, and over an apostrophe between letters ("don't", "geht's"). */
    private static int word(String s, int start) {
        int i = start;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (wordChar(cp)) {
                i += Character.charCount(cp);
            } else if (cp == '\'' && i + 1 < s.length() && Character.isLetter(s.codePointAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static int url(String s, int start) {
        int rest = s.length() - start;
        boolean scheme = (rest > 8 && s.regionMatches(true, start, "https://", 0, 8))
                || (rest > 7 && s.regionMatches(true, start, "http://", 0, 7));
        boolean www = rest > 4 && s.regionMatches(true, start, "www.", 0, 4);
        if (!scheme && !www) {
            return start;
        }
        int i = start;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '<' && s.charAt(i) != '>') {
            i++;
        }
        while (i > start && ".,;:!?)]}'\"".indexOf(s.charAt(i - 1)) >= 0 && !balanced(s, start, i)) {
            i--;
        }
        return i - start > (scheme ? 8 : 5) ? i : start;
    }

    /** A closing parenthesis that closes one inside the address (Wikipedia links) belongs to it. */
    private static boolean balanced(String s, int start, int end) {
        char last = s.charAt(end - 1);
        if (last != ')') {
            return false;
        }
        int depth = 0;
        for (int i = start; i < end; i++) {
            depth += s.charAt(i) == '(' ? 1 : s.charAt(i) == ')' ? -1 : 0;
        }
        return depth == 0;
    }

    /** {@code @user} or the Mastodon form {@code @user@host.example}. */
    private static int mention(String s, int start) {
        int i = start + 1;
        while (i < s.length() && handleChar(s.charAt(i))) {
            i++;
        }
        if (i == start + 1) {
            return start;
        }
        if (i + 1 < s.length() && s.charAt(i) == '@' && hostChar(s.charAt(i + 1))) {
            int host = i + 1;
            int j = host;
            while (j < s.length() && (hostChar(s.charAt(j)) || s.charAt(j) == '.')) {
                j++;
            }
            while (j > host && s.charAt(j - 1) == '.') {
                j--;
            }
            if (s.substring(host, j).indexOf('.') > 0) {
                return j;
            }
        }
        return i;
    }

    private static boolean handleChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean hostChar(char c) {
        return handleChar(c) || c == '-';
    }

    /** A hashtag holds at least one letter ("#1" is a rank, not a tag). */
    private static int hashtag(String s, int start) {
        int i = start + 1;
        boolean letter = false;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!wordChar(cp)) {
                break;
            }
            letter |= Character.isLetter(cp);
            i += Character.charCount(cp);
        }
        return letter ? i : start;
    }
}
