package io.backchannel.channels.internal.imports;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The files of a download that a format reads: a profile that names the account, read first, and the files of posts
 * and comments. An upload is in the format when it holds at least one of the latter.
 */
record ExportFiles(Pattern profile, List<Pattern> items) {

    boolean recognises(List<String> paths) {
        return paths.stream().anyMatch(this::isItems);
    }

    int order(String path) {
        if (isProfile(path)) {
            return 0;
        }
        return isItems(path) ? 1 : -1;
    }

    boolean isProfile(String path) {
        return profile.matcher(path).matches();
    }

    private boolean isItems(String path) {
        return items.stream().anyMatch(pattern -> pattern.matcher(path).matches());
    }
}
