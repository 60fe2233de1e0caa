package io.backchannel.channels.internal.platforms;

import org.jspecify.annotations.Nullable;

/**
 * Where a newest-first listing stands: {@code since} the newest item stored in a finished pass (only newer ones are
 * asked for), {@code pageToken} the next page of the pass under way, {@code newest} the newest item of that pass,
 * which becomes {@code since} when the pass ends. A restart in the middle of a pass resumes at its next page, so
 * nothing between two passes is skipped and nothing is read twice.
 */
public record NewestFirst(@Nullable String since, @Nullable String pageToken, @Nullable String newest) {

    public static NewestFirst parse(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return new NewestFirst(null, null, null);
        }
        String[] parts = cursor.split("\t", -1);
        return new NewestFirst(part(parts, 0), part(parts, 1), part(parts, 2));
    }

    /** The position after one more page: {@code pageNewest} its newest item, {@code next} the platform's token. */
    public NewestFirst after(@Nullable String pageNewest, @Nullable String next) {
        String passNewest = pageToken == null ? pageNewest : newest;
        if (next != null && !next.isBlank()) {
            return new NewestFirst(since, next, passNewest);
        }
        return new NewestFirst(passNewest != null ? passNewest : since, null, null);
    }

    public String format() {
        return orEmpty(since) + "\t" + orEmpty(pageToken) + "\t" + orEmpty(newest);
    }

    private static @Nullable String part(String[] parts, int index) {
        return parts.length > index && !parts[index].isBlank() ? parts[index] : null;
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
