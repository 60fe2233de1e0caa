package io.backchannel.text;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Emoticons and emoji that carry a feeling in any language, with valences on the lexicons' scale (−4 … +4). Our own
 * short list of the common ones; an emoji not listed carries none.
 */
final class Emotes {

    private Emotes() {}

    private static final Map<String, Double> VALENCE = Map.ofEntries(
            Map.entry(":)", 2.0),
            Map.entry(":-)", 2.0),
            Map.entry(":]", 2.0),
            Map.entry("=)", 2.0),
            Map.entry(":D", 2.5),
            Map.entry(":-D", 2.5),
            Map.entry(";)", 1.5),
            Map.entry(";-)", 1.5),
            Map.entry(":P", 1.0),
            Map.entry(":-P", 1.0),
            Map.entry("<3", 2.5),
            Map.entry("^^", 1.5),
            Map.entry("^_^", 2.0),
            Map.entry(":(", -2.0),
            Map.entry(":-(", -2.0),
            Map.entry(":[", -2.0),
            Map.entry("=(", -2.0),
            Map.entry(":'(", -2.5),
            Map.entry(":/", -1.0),
            Map.entry(":-/", -1.0),
            Map.entry(":|", -0.5),
            Map.entry(">:(", -3.0),
            Map.entry("</3", -2.5),
            Map.entry("😀", 2.0),
            Map.entry("😃", 2.0),
            Map.entry("😄", 2.0),
            Map.entry("😁", 2.0),
            Map.entry("😊", 2.0),
            Map.entry("🙂", 1.5),
            Map.entry("😍", 3.0),
            Map.entry("🥰", 3.0),
            Map.entry("😘", 2.0),
            Map.entry("🤩", 3.0),
            Map.entry("😎", 1.5),
            Map.entry("😂", 1.5),
            Map.entry("🤣", 1.5),
            Map.entry("👍", 2.0),
            Map.entry("👏", 2.0),
            Map.entry("🙌", 2.0),
            Map.entry("🎉", 2.0),
            Map.entry("🥳", 2.5),
            Map.entry("❤", 2.5),
            Map.entry("💕", 2.5),
            Map.entry("💯", 2.0),
            Map.entry("🙏", 1.0),
            Map.entry("✨", 1.0),
            Map.entry("🚀", 1.5),
            Map.entry("😞", -2.0),
            Map.entry("😟", -2.0),
            Map.entry("😠", -3.0),
            Map.entry("😡", -3.0),
            Map.entry("🤬", -3.5),
            Map.entry("😢", -2.0),
            Map.entry("😭", -2.5),
            Map.entry("😤", -2.0),
            Map.entry("😒", -2.0),
            Map.entry("🙄", -2.0),
            Map.entry("😩", -2.5),
            Map.entry("😫", -2.5),
            Map.entry("😖", -2.0),
            Map.entry("😣", -2.0),
            Map.entry("😕", -1.5),
            Map.entry("🙁", -1.5),
            Map.entry("☹", -2.0),
            Map.entry("🤮", -3.0),
            Map.entry("💩", -2.5),
            Map.entry("👎", -2.0),
            Map.entry("💔", -2.5));

    private static final String[] EMOTICONS = VALENCE.keySet().stream()
            .filter(key -> key.codePoints().allMatch(cp -> cp < 0x80))
            .sorted((a, b) -> b.length() - a.length())
            .toArray(String[]::new);

    /** The first characters of the emoticons: any other character starts none, and costs no comparison. */
    private static final String EMOTICON_STARTS = Arrays.stream(EMOTICONS)
            .map(emoticon -> emoticon.substring(0, 1))
            .distinct()
            .collect(Collectors.joining());

    static double valence(String token) {
        return VALENCE.getOrDefault(token, 0.0);
    }

    /** The end of an emoticon starting at {@code start} and followed by a space or the end, or {@code start}. */
    static int emoticonEnd(String s, int start) {
        if (EMOTICON_STARTS.indexOf(s.charAt(start)) < 0) {
            return start;
        }
        for (String emoticon : EMOTICONS) {
            int end = start + emoticon.length();
            if (s.startsWith(emoticon, start)
                    && (end == s.length()
                            || Character.isWhitespace(s.charAt(end))
                            || ".,!?".indexOf(s.charAt(end)) >= 0)) {
                return end;
            }
        }
        return start;
    }

    /** Pictographs, and the hearts and faces of the older symbol blocks. */
    static boolean isEmoji(int cp) {
        return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF);
    }
}
