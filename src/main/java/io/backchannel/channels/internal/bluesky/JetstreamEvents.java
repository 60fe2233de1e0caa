package io.backchannel.channels.internal.bluesky;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.IncomingPost;
import io.backchannel.channels.internal.Posts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Jetstream event: a new post (that passes the connector's filters) is stored and told, a deleted post this
 * connector holds is marked, everything else is passed over. The cursor moves with the event in one transaction.
 */
@Component
public class JetstreamEvents {

    static final String POST = BlueskyPosts.POST;

    /** What became of one line, for counting and tests. */
    public enum Handled {
        CAPTURED,
        DUPLICATE,
        DELETED,
        FILTERED,
        IGNORED,
        MALFORMED
    }

    private final Posts posts;
    private final Connectors connectors;
    private final JsonMapper json;

    JetstreamEvents(Posts posts, Connectors connectors, JsonMapper json) {
        this.posts = posts;
        this.connectors = connectors;
        this.json = json;
    }

    @Transactional
    public Handled handle(Connector connector, String line) {
        JsonNode event;
        try {
            event = json.readTree(line);
        } catch (JacksonException e) {
            return Handled.MALFORMED;
        }
        if (event == null || !event.isObject() || !event.path("time_us").isNumber()) {
            return Handled.MALFORMED;
        }
        long timeUs = event.path("time_us").asLong();
        Handled handled = commit(connector, event, line);
        if (handled != Handled.MALFORMED) {
            connectors.advanceCursor(connector.id(), timeUs);
        }
        return handled;
    }

    private Handled commit(Connector connector, JsonNode event, String line) {
        JsonNode commit = event.path("commit");
        String did = text(event, "did");
        if (!"commit".equals(text(event, "kind")) || !POST.equals(text(commit, "collection")) || did == null) {
            return Handled.IGNORED;
        }
        String rkey = text(commit, "rkey");
        if (rkey == null) {
            return Handled.MALFORMED;
        }
        String uri = BlueskyPosts.uri(did, rkey);
        String operation = String.valueOf(text(commit, "operation"));
        if (operation.equals("delete")) {
            return posts.markDeleted(connector.id(), uri, Instant.now()) ? Handled.DELETED : Handled.IGNORED;
        }
        if (!operation.equals("create")) {
            return Handled.IGNORED;
        }
        JsonNode record = commit.path("record");
        String text = text(record, "text");
        if (text == null) {
            return Handled.MALFORMED;
        }
        if (!passes(connector, did, text)) {
            return Handled.FILTERED;
        }
        IncomingPost post = BlueskyPosts.post(did, rkey, did, did, record, text, line.getBytes(StandardCharsets.UTF_8));
        return posts.capture(connector, post).isPresent() ? Handled.CAPTURED : Handled.DUPLICATE;
    }

    /** Filters: comma-separated words (any of them in the text) and DIDs (any of them the author); none lets all pass. */
    static boolean passes(Connector connector, String did, String text) {
        List<String> filters = Arrays.stream(
                        connector.setting(Connector.FILTERS).split(","))
                .map(String::strip)
                .filter(filter -> !filter.isEmpty())
                .toList();
        if (filters.isEmpty()) {
            return true;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return filters.stream()
                .anyMatch(filter -> filter.startsWith("did:")
                        ? filter.equals(did)
                        : lower.contains(filter.toLowerCase(Locale.ROOT)));
    }

    static long cursor(@Nullable String cursor) {
        try {
            return cursor == null ? 0 : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        return BlueskyPosts.text(node, field);
    }
}
