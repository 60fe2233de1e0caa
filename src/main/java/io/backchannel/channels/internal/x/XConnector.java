package io.backchannel.channels.internal.x;

import io.backchannel.channels.ReplyRequested;
import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.IncomingPost;
import io.backchannel.channels.internal.ReplyChannel;
import io.backchannel.channels.internal.platforms.NewestFirst;
import io.backchannel.channels.internal.platforms.PlatformFailure;
import io.backchannel.channels.internal.platforms.PlatformHttp;
import io.backchannel.channels.internal.platforms.PlatformReplies;
import io.backchannel.channels.internal.platforms.PlatformSource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Mentions ({@code GET /2/users/:id/mentions}) and recent search ({@code GET /2/tweets/search/recent}), each with its
 * own {@link NewestFirst} cursor on {@code since_id}; ids stay strings (they exceed 2^53). The rate-limit headers
 * {@code x-rate-limit-remaining}/{@code x-rate-limit-reset} end a round early and set the wait after a 429.
 */
@Component
class XConnector implements PlatformSource, ReplyChannel {

    static final String DEFAULT_BASE = "https://api.x.com";
    static final String TOKEN_REJECTED = "channels.x.token-rejected";
    static final String FORBIDDEN = "channels.x.forbidden";
    static final String MALFORMED = "channels.x.malformed";
    static final String NO_TOKEN = "channels.x.no-token";
    private static final String FIELDS = "&max_results=100&expansions=author_id&user.fields=username,name"
            + "&tweet.fields=created_at,lang,conversation_id,in_reply_to_user_id,referenced_tweets,author_id";

    private final PlatformHttp http;
    private final PlatformReplies replies;

    XConnector(PlatformHttp http, PlatformReplies replies) {
        this.http = http;
        this.replies = replies;
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.X;
    }

    /** The cursor of both listings, one line each. */
    record Cursor(NewestFirst mentions, NewestFirst search) {

        static Cursor parse(@Nullable String cursor) {
            String[] lines = cursor == null ? new String[0] : cursor.split("\n", -1);
            return new Cursor(
                    NewestFirst.parse(lines.length > 0 ? lines[0] : null),
                    NewestFirst.parse(lines.length > 1 ? lines[1] : null));
        }

        String format() {
            return mentions.format() + "\n" + search.format();
        }
    }

    @Override
    public void poll(Connector connector, String token, Pages pages) throws PlatformFailure {
        String base = PlatformHttp.base(connector.setting(Connector.URL), DEFAULT_BASE);
        String account = connector.setting(Connector.ACCOUNT).strip();
        String query = connector.setting(Connector.QUERY).strip();
        Cursor cursor = Cursor.parse(connector.cursor());
        boolean more = true;
        if (account.matches("[0-9]{1,30}")) {
            while (more) {
                NewestFirst at = cursor.mentions();
                Page page = page(
                        base + "/2/users/" + account + "/mentions?" + range(at, "pagination_token"),
                        token,
                        account,
                        pages);
                cursor = new Cursor(at.after(page.newest(), page.next()), cursor.search());
                more = pages.store(page.posts(), cursor.format()) && page.next() != null;
            }
        }
        more = true;
        if (!query.isBlank()) {
            while (more) {
                NewestFirst at = cursor.search();
                Page page = page(
                        base + "/2/tweets/search/recent?query=" + PlatformHttp.encode(query) + "&"
                                + range(at, "next_token"),
                        token,
                        account,
                        pages);
                cursor = new Cursor(cursor.mentions(), at.after(page.newest(), page.next()));
                more = pages.store(page.posts(), cursor.format()) && page.next() != null;
            }
        }
    }

    private static String range(NewestFirst at, String tokenParameter) {
        StringBuilder range = new StringBuilder(FIELDS.substring(1));
        if (at.since() != null) {
            range.append("&since_id=").append(PlatformHttp.encode(at.since()));
        }
        if (at.pageToken() != null) {
            range.append('&').append(tokenParameter).append('=').append(PlatformHttp.encode(at.pageToken()));
        }
        return range.toString();
    }

    /** One page: its posts, the newest id on it and the next page's token. */
    record Page(List<IncomingPost> posts, @Nullable String newest, @Nullable String next) {}

    /** Reads one page; a used-up rate limit ({@code x-rate-limit-remaining: 0}) is told to {@code pages}. */
    private Page page(String url, String token, String account, Pages pages) throws PlatformFailure {
        PlatformHttp.Exchange exchange = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json")
                        .GET(),
                MALFORMED);
        checked(exchange);
        JsonNode body = http.json(exchange, MALFORMED);
        Map<String, JsonNode> users = new HashMap<>();
        JsonNode includes = body.path("includes").path("users");
        for (JsonNode user : includes) {
            users.put(PlatformHttp.text(user, "id"), user);
        }
        List<IncomingPost> posts = new ArrayList<>();
        for (JsonNode tweet : body.path("data")) {
            IncomingPost post = post(tweet, users, account);
            if (post != null) {
                posts.add(post);
            }
        }
        JsonNode meta = body.path("meta");
        String newest = PlatformHttp.text(meta, "newest_id");
        String next = PlatformHttp.text(meta, "next_token");
        if (exchange.header("x-rate-limit-remaining")
                .map(String::strip)
                .orElse("")
                .equals("0")) {
            pages.quotaUsedUp(exchange.platformWait(Instant.now()).orElse(Duration.ofMinutes(15)));
        }
        return new Page(posts, newest.matches("[0-9]{1,30}") ? newest : null, next.isBlank() ? null : next);
    }

    private @Nullable IncomingPost post(JsonNode tweet, Map<String, JsonNode> users, String account) {
        String id = PlatformHttp.text(tweet, "id");
        String text = PlatformHttp.text(tweet, "text");
        if (!id.matches("[0-9]{1,30}") || text.isBlank()) {
            return null;
        }
        String authorId = PlatformHttp.text(tweet, "author_id");
        JsonNode author = users.get(authorId);
        String username = PlatformHttp.text(author, "username");
        String name = PlatformHttp.text(author, "name");
        String inReplyTo = null;
        for (JsonNode referenced : tweet.path("referenced_tweets")) {
            if (PlatformHttp.text(referenced, "type").equals("replied_to")) {
                inReplyTo = PlatformHttp.text(referenced, "id");
            }
        }
        String lang = PlatformHttp.text(tweet, "lang");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("tweet", tweet);
        if (author != null) {
            payload.put("author", author);
        }
        String handle = username.isBlank() ? authorId : "@" + username;
        return new IncomingPost(
                id,
                inReplyTo == null || inReplyTo.isBlank() ? null : inReplyTo,
                handle,
                name.isBlank() ? handle : name,
                text,
                username.matches("[A-Za-z0-9_]{1,50}") ? "https://x.com/" + username + "/status/" + id : null,
                lang.isBlank() || lang.equals("und") || lang.equals("zxx") || lang.equals("qme") ? null : lang,
                null,
                !account.isBlank() && account.equals(authorId),
                instant(PlatformHttp.text(tweet, "created_at")),
                http.write(payload),
                "application/json");
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    /** Maps an error status to its reason; a 429 waits until {@code x-rate-limit-reset}. */
    private void checked(PlatformHttp.Exchange exchange) throws PlatformFailure {
        if (exchange.ok()) {
            return;
        }
        String detail = "HTTP " + exchange.status() + " " + problem(exchange);
        switch (exchange.status()) {
            case 401 -> throw new PlatformFailure(TOKEN_REJECTED, detail, null);
            case 403 -> throw new PlatformFailure(FORBIDDEN, detail, null);
            case 429 -> {
                throw new PlatformFailure(
                        "channels.error.rate-limited",
                        detail,
                        exchange.platformWait(Instant.now()).orElse(null));
            }
            default -> throw new PlatformFailure("channels.error.http-status", detail, null);
        }
    }

    /** The title and detail of X's problem answer, when it gave one. */
    private String problem(PlatformHttp.Exchange exchange) {
        try {
            JsonNode body = http.json(exchange, MALFORMED);
            return (PlatformHttp.text(body, "title") + " " + PlatformHttp.text(body, "detail")).strip();
        } catch (PlatformFailure notJson) {
            return "";
        }
    }

    @Override
    public Outcome send(Connector connector, ReplyRequested request) {
        return replies.send(connector, NO_TOKEN, token -> {
            if (!request.inReplyToExternalId().matches("[0-9]{1,30}")) {
                throw new PlatformFailure("channels.reply.refused", "not a tweet id", null);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("text", request.text());
            body.put("reply", Map.of("in_reply_to_tweet_id", request.inReplyToExternalId()));
            byte[] payload = http.write(body);
            String base = PlatformHttp.base(connector.setting(Connector.URL), DEFAULT_BASE);
            PlatformHttp.Exchange exchange = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/2/tweets"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(payload)),
                    MALFORMED);
            checked(exchange);
            String id = PlatformHttp.text(http.json(exchange, MALFORMED).path("data"), "id");
            return new Sent(
                    id.isBlank() ? null : id,
                    id.matches("[0-9]{1,30}") ? "https://x.com/i/web/status/" + id : null,
                    payload,
                    connector.name());
        });
    }
}
