package io.backchannel.channels.internal.bluesky;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.IncomingPost;
import io.backchannel.channels.internal.platforms.JsonApi;
import io.backchannel.channels.internal.platforms.PlatformFailure;
import io.backchannel.channels.internal.platforms.PlatformSource;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polls Bluesky's post search ({@code app.bsky.feed.searchPosts}, newest first) for each search connector. The
 * cursor is the newest indexing time stored; a poll asks for posts since then (less a small overlap for the index's
 * lag, which the unique key absorbs) and pages back with the search's own cursor, and the cursor moves only once the
 * whole round is stored, so an interrupted round is simply read again. {@link
 * io.backchannel.channels.internal.platforms.PlatformPolling} runs the rounds.
 */
@Component
class BlueskySearch implements PlatformSource {

    private static final Pattern POST_URI =
            Pattern.compile("at://(did:[a-z]+:[A-Za-z0-9._:%-]+)/app\\.bsky\\.feed\\.post/([A-Za-z0-9._:~-]{1,512})");
    static final Duration OVERLAP = Duration.ofMinutes(5);
    static final int PAGE = 100;
    static final String NO_QUERY = "channels.bluesky.search.no-query";

    private final BlueskySessions sessions;
    private final JsonMapper json;
    private final JsonApi api;

    BlueskySearch(BlueskySessions sessions, JsonMapper json, JsonApi api) {
        this.sessions = sessions;
        this.json = json;
        this.api = api;
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.BLUESKY_SEARCH;
    }

    /** The stored secret is the app password, which {@link BlueskySessions} signs in with (and says when missing). */
    @Override
    public boolean needsToken() {
        return false;
    }

    @Override
    public void poll(Connector connector, String token, Pages pages) throws PlatformFailure {
        String query = connector.setting(Connector.QUERY).strip();
        if (query.isEmpty()) {
            throw new PlatformFailure(NO_QUERY, connector.name(), null);
        }
        Instant since = instant(connector.cursor());
        Instant newest = since;
        String page = null;
        boolean more = true;
        while (more) {
            URI uri = uri(connector, query, since, page);
            JsonApi.Answer answer = sessions.call(connector, session -> api.get(uri, session.authorisation()));
            String own = sessions.session(connector).did();
            JsonNode found = answer.body().path("posts");
            if (!found.isArray()) {
                throw new PlatformFailure(JsonApi.MALFORMED, "no posts array", null, 200);
            }
            List<IncomingPost> heard = new ArrayList<>();
            for (JsonNode view : found) {
                IncomingPost post = post(view, own);
                if (post != null) {
                    heard.add(post);
                }
                Instant indexed = instant(JsonApi.text(view, "indexedAt"));
                newest = indexed != null && (newest == null || indexed.isAfter(newest)) ? indexed : newest;
            }
            if (answer.exhaustedFor() != null) {
                pages.quotaUsedUp(answer.exhaustedFor());
            }
            page = JsonApi.text(answer.body(), "cursor");
            // Without a cursor the newest page is the start; older posts are history, not news.
            more = pages.store(heard, null) && page != null && !found.isEmpty() && since != null;
        }
        if (newest != null) {
            // The cursor moves only once the whole round is stored: an interrupted round is simply read again.
            pages.store(List.of(), newest.toString());
        }
    }

    /** A search result's post view; the connector's own posts (its replies) are not news. */
    private @Nullable IncomingPost post(JsonNode view, String own) {
        Matcher uri = POST_URI.matcher(String.valueOf(JsonApi.text(view, "uri")));
        JsonNode author = view.path("author");
        JsonNode record = view.path("record");
        String text = BlueskyPosts.text(record, "text");
        if (!uri.matches()
                || !uri.group(1).equals(JsonApi.text(author, "did"))
                || uri.group(1).equals(own)
                || text == null
                || JsonApi.text(view, "cid") == null) {
            return null;
        }
        String handle = JsonApi.text(author, "handle");
        String name = JsonApi.text(author, "displayName");
        String shown = handle == null ? uri.group(1) : handle;
        return BlueskyPosts.post(
                uri.group(1),
                uri.group(2),
                shown,
                name == null ? shown : name,
                record,
                text,
                json.writeValueAsBytes(view));
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
