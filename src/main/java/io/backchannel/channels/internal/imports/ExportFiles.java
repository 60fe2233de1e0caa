package io.backchannel.channels.internal.imports;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The files of a download that a format reads: a profile that names the account, read first, the files of posts
 * and comments, and media files, read last (they take their posts' times). An upload is in the format when it holds
 * at least one file of posts or comments.
 */
record ExportFiles(Pattern profile, List<Pattern> items, @Nullable Pattern media) {

    ExportFiles(Pattern profile, List<Pattern> items) {
        this(profile, items, null);
    }

    boolean recognises(List<String> paths) {
        return paths.stream().anyMatch(this::isItems);
    }

    int order(String path) {
        if (isProfile(path)) {
            return 0;
        }
        if (isItems(path)) {
            return 1;
        }
        return media != null && media.matcher(path).matches() ? 2 : -1;
    }

    boolean isProfile(String path) {
        return profile.matcher(path).matches();
    }

    private boolean isItems(String path) {
        return items.stream().anyMatch(pattern -> pattern.matcher(path).matches());
    }
}
