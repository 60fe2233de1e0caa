package io.backchannel.channels.internal;

import io.backchannel.text.Languages;
import org.jspecify.annotations.Nullable;

/** The archive's language of a post: an ISO 639-1 code or {@code und}. */
public final class LanguageTags {

    private LanguageTags() {}

    /** The declared tag's language when it names one ({@code en-US} → {@code en}), else a detected one. */
    public static String primary(@Nullable String declared, String text) {
        String code = declared == null || declared.isBlank() ? Languages.UNKNOWN : Languages.code(declared);
        if (code.equals(Languages.UNKNOWN)) {
            code = Languages.detect(text);
        }
        return code.equals(Languages.UNKNOWN) ? "und" : code;
    }
}
