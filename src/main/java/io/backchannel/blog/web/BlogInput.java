package io.backchannel.blog.web;

import org.jspecify.annotations.Nullable;

/** Filters from the address bar: blank means none, and nothing longer than any stored value is looked for. */
final class BlogInput {

    static final int MAX_LENGTH = 200;

    private BlogInput() {}

    static @Nullable String filter(@Nullable String value) {
        if (value == null) {
            return null;
        }
        // PostgreSQL refuses the NUL character in text, even as a parameter; no stored text contains one.
        String cleaned = value.replace("\u0000", "").strip();
        if (cleaned.length() > MAX_LENGTH) {
            cleaned = cleaned.substring(0, MAX_LENGTH);
        }
        return cleaned.isEmpty() ? null : cleaned;
    }
}
