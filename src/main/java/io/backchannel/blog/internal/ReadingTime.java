package io.backchannel.blog.internal;

import java.util.Set;

/** Minutes a post takes to read: words at 200 a minute, or characters at 500 a minute in scripts without spaces. */
final class ReadingTime {

    private static final Set<String> CHARACTER_LANGUAGES = Set.of("ja", "zh", "ko");

    private ReadingTime() {}

    static int minutes(String language, int words, int characters) {
        int minutes = CHARACTER_LANGUAGES.contains(language) ? (characters + 499) / 500 : (words + 199) / 200;
        return Math.max(1, minutes);
    }
}
