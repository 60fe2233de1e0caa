package io.backchannel.channels.internal.bluesky;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.IncomingPost;
import io.backchannel.channels.internal.PollOutcome;
import io.backchannel.channels.internal.Posts;
import io.backchannel.channels.internal.platforms.JsonApi;
import io.backchannel.channels.internal.platforms.PlatformFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polls Bluesky's post search ({@code app.bsky.feed.searchPosts}, newest first) for each search connector. The
 * cursor is the newest indexing time stored; a poll asks for posts since then (less a small overlap for the index's
 * lag, which the unique key absorbs) and pages back with the search's own cursor, and the cursor moves only once the
 * whole round is stored, so an interrupted round is simply read again.
 */
@Component
public class BlueskySearch {

    private static final Pattern POST_URI =
            Pattern.compile("at://(did:[a-z]+:[A-Za-z0-9._:%-]+)/app\\.bsky\\.feed\\.post/([A-Za-z0-9._:~-]{1,512})");
    static final Duration OVERLAP = Duration.ofMinutes(5);
    static final int PAGE = 100;
    static final int MAX_PAGES = 10;
    static final String NO_QUERY = "channels.bluesky.search.no-query";

    private final Connectors connectors;
    private final Posts posts;
    private final BlueskySessions sessions;
    private final JsonMapper json;
    private final JsonApi api;

    BlueskySearch(Connectors connectors, Posts posts, BlueskySessions sessions, JsonMapper json, JsonApi api) {
        this.connectors = connectors;
        this.posts = posts;
        this.sessions = sessions;
        this.json = json;
        this.api = api;
    }

    @Scheduled(
            fixedDelayString = "${backchannel.channels.api-check-interval:30s}",
            initialDelayString = "${backchannel.channels.api-check-interval:30s}")
    void pollDue() {
        connectors.duePolls(ConnectorKind.BLUESKY_SEARCH, Instant.now()).forEach(this::poll);
    }

    public PollOutcome poll(Connector connector) {
        Instant now = Instant.now();
        String query = connector.setting(Connector.QUERY).strip();
        if (query.isEmpty()) {
            return new PlatformFailure(NO_QUERY, connector.name(), null, 0).record(connectors, connector, now);
        }
        Instant since = instant(connector.cursor());
        Instant newest = since;
        int stored = 0;
        String page = null;
        try {
            for (int pages = 0; pages < MAX_PAGES; pages++) {
                URI uri = uri(connector, query, since, page);
                JsonApi.Answer answer = sessions.call(connector, session -> api.get(uri, session.authorisation()));
                String own = sessions.session(connector).did();
                JsonNode found = answer.body().path("posts");
                if (!found.isArray()) {
                    throw new PlatformFailure(JsonApi.MALFORMED, "no posts array", null, 200);
                }
                for (JsonNode view : found) {
                    stored += capture(connector, view, own) ? 1 : 0;
                    Instant indexed = instant(JsonApi.text(view, "indexedAt"));
                    newest = indexed != null && (newest == null || indexed.isAfter(newest)) ? indexed : newest;
                }
                page = JsonApi.text(answer.body(), "cursor");
                // Without a cursor the newest page is the start; older posts are history, not news.
                if (page == null || found.isEmpty() || since == null || answer.exhaustedFor() != null) {
                    if (answer.exhaustedFor() != null) {
                        finish(connector, newest, now);
                        connectors.holdUntil(connector.id(), Instant.now().plus(answer.exhaustedFor()));
                        return PollOutcome.of(stored);
                    }
                    break;
                }
            }
        } catch (PlatformFailure refused) {
            return refused.record(connectors, connector, now);
        }
        finish(connector, newest, now);
        return PollOutcome.of(stored);
    }

    private void finish(Connector connector, @Nullable Instant newest, Instant now) {
        connectors.succeeded(connector.id(), newest == null ? null : newest.toString(), now);
    }

    /** A search result's post view; the connector's own posts (its replies) are not news. */
    private boolean capture(Connector connector, JsonNode view, String own) {
        Matcher uri = POST_URI.matcher(String.valueOf(JsonApi.text(view, "uri")));
        JsonNode author = view.path("author");
        JsonNode record = view.path("record");
        String text = BlueskyPosts.text(record, "text");
        if (!uri.matches()
                || !uri.group(1).equals(JsonApi.text(author, "did"))
                || uri.group(1).equals(own)
                || text == null
                || JsonApi.text(view, "cid") == null) {
            return false;
        }
        String handle = JsonApi.text(author, "handle");
        String name = JsonApi.text(author, "displayName");
        String shown = handle == null ? uri.group(1) : handle;
        IncomingPost post = BlueskyPosts.post(
                uri.group(1),
                uri.group(2),
                shown,
                name == null ? shown : name,
                record,
                text,
                json.writeValueAsBytes(view));
        return posts.capture(connector, post).isPresent();
    }

    static URI uri(Connector connector, String query, @Nullable Instant since, @Nullable String page) {
        StringBuilder uri = new StringBuilder(BlueskySessions.xrpc(connector, "app.bsky.feed.searchPosts")
                        .toString())
                .append("?q=")
                .append(URLEncoder.encode(query, StandardCharsets.UTF_8))
                .append("&sort=latest&limit=")
                .append(PAGE);
        if (since != null) {
            uri.append("&since=").append(since.minus(OVERLAP));
        }
        if (page != null) {
            uri.append("&cursor=").append(URLEncoder.encode(page, StandardCharsets.UTF_8));
        }
        return URI.create(uri.toString());
    }

    private static @Nullable Instant instant(@Nullable String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
