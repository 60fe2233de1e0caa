package io.backchannel.ideas.internal;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a tag may be: NFKC-normalised, lower-case and trimmed, 2 to 30 letters, digits or inner hyphens of any script;
 * at most {@link #MAX} per idea. Input is comma-separated; full-width and ideographic commas separate too.
 */
public final class TagNames {

    public static final int MAX = 5;

    static final int MIN_LENGTH = 2;

    static final int MAX_LENGTH = 30;

    /** Letters (with their combining marks) and digits, hyphens only between them. */
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]*[\\p{L}\\p{M}\\p{N}])?");

    private static final Pattern SEPARATOR = Pattern.compile("[,\u3001]");

    private TagNames() {}

    /** The form a tag is stored and compared in; a leading '#' is left out, as people write hashtags. */
    public static String normalize(String raw) {
        String tag = Normalizer.normalize(raw, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .strip();
        return tag.startsWith("#") ? tag.substring(1).strip() : tag;
    }

    /** The distinct tags of comma-separated input, in their order; refuses the first bad tag or a sixth tag. */
    public static List<String> parse(String input) {
        var tags = new LinkedHashSet<String>();
        for (String part : SEPARATOR.split(Normalizer.normalize(input, Normalizer.Form.NFKC))) {
            String tag = normalize(part);
            if (tag.isEmpty()) {
                continue;
            }
            if (!valid(tag)) {
                throw new InvalidTags(InvalidTags.Reason.INVALID, tag);
            }
            tags.add(tag);
            if (tags.size() > MAX) {
                throw new InvalidTags(InvalidTags.Reason.TOO_MANY, "");
            }
        }
        return List.copyOf(tags);
    }

    static boolean valid(String tag) {
        int length = tag.codePointCount(0, tag.length());
        return length >= MIN_LENGTH && length <= MAX_LENGTH && TAG.matcher(tag).matches();
    }

    /** Tags that cannot be kept: one is malformed (named, shortened for messages), or there are too many. */
    public static class InvalidTags extends RuntimeException {

        public enum Reason {
            INVALID,
            TOO_MANY
        }

        private final Reason reason;
        private final String tag;

        InvalidTags(Reason reason, String tag) {
            super("Invalid tags: " + reason);
            this.reason = reason;
            this.tag = tag.codePointCount(0, tag.length()) > 40
                    ? tag.substring(0, tag.offsetByCodePoints(0, 40)) + "…"
                    : tag;
        }

        public Reason reason() {
            return reason;
        }

        public String tag() {
            return tag;
        }
    }
}
