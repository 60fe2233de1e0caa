package io.backchannel.channels.internal.mastodon;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The newest id each source has stored, as {@code key=id} lines: the connector's one cursor holds them all. */
record MastodonCursor(Map<String, String> positions) {

    static MastodonCursor parse(@Nullable String cursor) {
        Map<String, String> positions = new LinkedHashMap<>();
        if (cursor != null) {
            for (String line : cursor.split("\n")) {
                int equals = line.lastIndexOf('=');
                if (equals > 0 && line.substring(equals + 1).matches("[0-9A-Za-z]{1,64}")) {
                    positions.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        }
        return new MastodonCursor(positions);
    }

    @Nullable
    String get(String key) {
        return positions.get(key);
    }

    MastodonCursor with(String key, String id) {
        Map<String, String> next = new LinkedHashMap<>(positions);
        next.merge(key, id, (old, given) -> MastodonSource.compareIds(given, old) > 0 ? given : old);
        return new MastodonCursor(next);
    }

    String format() {
        return positions.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n"));
    }
}
