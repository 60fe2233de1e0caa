package io.backchannel.channels.internal;

import io.backchannel.text.Languages;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The archive's language of a post: an ISO 639-1 code or {@code und}. */
public final class LanguageTags {

    private LanguageTags() {}

    /** The declared tag's primary subtag when there is one ({@code en-US} → {@code en}), else a detected one. */
    public static String primary(@Nullable String declared, String text) {
        if (declared != null && declared.strip().matches("(?i)[a-z]{2,3}([-_].*)?")) {
            return declared.strip().split("[-_]")[0].toLowerCase(Locale.ROOT);
        }
        String detected = Languages.detect(text);
        return detected.equals(Languages.UNKNOWN) ? "und" : detected;
    }
}
