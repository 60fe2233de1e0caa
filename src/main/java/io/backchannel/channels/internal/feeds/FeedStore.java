package io.backchannel.channels.internal.feeds;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.IncomingPost;
import io.backchannel.channels.internal.Posts;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a polled feed's entries and moves its cursor in one transaction, so that a crash between the two neither
 * loses entries nor (thanks to the unique key) stores one twice.
 */
@Component
class FeedStore {

    private final Posts posts;
    private final Connectors connectors;
    private final JsonMapper json;

    FeedStore(Posts posts, Connectors connectors, JsonMapper json) {
        this.posts = posts;
        this.connectors = connectors;
        this.json = json;
    }

    @Transactional
    int store(Connector feed, ParsedFeed parsed, String cursor) {
        int stored = 0;
        for (ParsedFeed.Entry entry : parsed.entries()) {
            String key = entry.key();
            if (key == null || entry.text().isBlank()) {
                continue;
            }
            String author = entry.author() != null
                    ? entry.author()
                    : parsed.title() != null ? parsed.title() : host(feed.setting(Connector.URL));
            Map<String, @Nullable Object> payload = new LinkedHashMap<>();
            payload.put("feed", feed.setting(Connector.URL));
            payload.put("format", parsed.format());
            payload.put("id", entry.id());
            payload.put("link", entry.link());
            payload.put("title", entry.title());
            payload.put("author", entry.author());
            payload.put(
                    "published",
                    entry.published() == null ? null : entry.published().toString());
            payload.put("text", entry.text());
            boolean isNew = posts.capture(
                            feed,
                            new IncomingPost(
                                    key.length() > 1000 ? key.substring(0, 1000) : key,
                                    null,
                                    author,
                                    author,
                                    entry.text(),
                                    entry.link() != null && entry.link().matches("(?i)https?://.*")
                                            ? entry.link()
                                            : null,
                                    parsed.language(),
                                    null,
                                    false,
                                    entry.published() != null ? entry.published() : Instant.now(),
                                    json.writeValueAsBytes(payload),
                                    "application/json"))
                    .isPresent();
            stored += isNew ? 1 : 0;
        }
        connectors.moveCursor(feed.id(), cursor);
        return stored;
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
