package io.backchannel.blog.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** A post's address part: lower-case ASCII letters, digits and single hyphens between them. */
public final class Slugs {

    public static final int MAX_LENGTH = 100;

    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Slugs() {}

    public static boolean valid(String slug) {
        return slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
    }

    /** The slug a title suggests ("Über uns!" → "uber-uns"); empty when the title has no Latin letter or digit. */
    public static String suggest(String title) {
        String ascii = Normalizer.normalize(title.replace("ß", "ss"), Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (ascii.length() > MAX_LENGTH) {
            ascii = ascii.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return ascii;
    }
}
