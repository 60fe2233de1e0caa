package io.backchannel.blog.internal;

import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A text in the language asked for, or in the primary language with {@code fallback} set, so that a page can say so
 * and mark the text with the language it really is in.
 */
public record Localized<T>(T value, String language, boolean fallback) {

    static <T> Localized<T> pick(Map<String, T> byLanguage, String wanted, String primary) {
        T value = byLanguage.get(wanted);
        if (value != null) {
            return new Localized<>(value, wanted, false);
        }
        value = byLanguage.get(primary);
        if (value != null) {
            return new Localized<>(value, primary, true);
        }
        // Written before the configured primary language changed: any text beats an error on every page.
        var any = byLanguage.entrySet().stream()
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no text in any language"));
        return new Localized<>(any.getValue(), any.getKey(), true);
    }
}
