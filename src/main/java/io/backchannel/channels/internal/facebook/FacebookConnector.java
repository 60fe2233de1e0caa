package io.backchannel.channels.internal.facebook;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code GET /{version}/{page-id}/feed} with each post's comments, from the newest stored post's time
 * ({@code since}) on, paging by {@code paging.cursors.after} on our own host (never by following
 * {@code paging.next}). Graph errors ({@code {"error":{"code":...}}}) become reasons: 4, 17, 32 and 613 are rate
 * limits, 190 an expired token. {@code X-App-Usage} and {@code X-Business-Use-Case-Usage} near 100% end a round early.
 */
@Component
class FacebookConnector implements PlatformSource, ReplyChannel {

    static final String DEFAULT_BASE = "https://graph.facebook.com";
    static final String TOKEN_EXPIRED = "channels.facebook.token-expired";
    static final String PERMISSION = "channels.facebook.permission";
    static final String MALFORMED = "channels.facebook.malformed";
    static final String NO_TOKEN = "channels.facebook.no-token";
    private static final Set<Integer> RATE_LIMITS = Set.of(4, 17, 32, 613, 80001);
    private static final String ID = "[0-9_]{1,80}";
    private static final String FIELDS = "id,message,created_time,from{id,name},permalink_url,"
            + "comments.limit(100){id,message,created_time,from{id,name},permalink_url,parent{id}}";
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

    private final PlatformHttp http;
    private final PlatformReplies replies;
    private final String version;

    FacebookConnector(
            PlatformHttp http,
            PlatformReplies replies,
            @Value("${backchannel.channels.facebook.api-version:v23.0}") String version) {
        this.http = http;
        this.replies = replies;
        this.version = version.strip();
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.FACEBOOK;
    }

    @Override
    public void poll(Connector connector, String token, Pages pages) throws PlatformFailure {
        String page = connector.setting(Connector.ACCOUNT).strip();
        if (!page.matches(ID)) {
            throw new PlatformFailure(PERMISSION, "page id missing or invalid", null);
        }
        NewestFirst at = NewestFirst.parse(connector.cursor());
        boolean more = true;
        while (more) {
            StringBuilder url = new StringBuilder(base(connector))
                    .append('/')
                    .append(page)
                    .append("/feed?limit=25&fields=")
                    .append(PlatformHttp.encode(FIELDS));
            if (at.since() != null) {
                url.append("&since=").append(PlatformHttp.encode(at.since()));
            }
            if (at.pageToken() != null) {
                url.append("&after=").append(PlatformHttp.encode(at.pageToken()));
            }
            PlatformHttp.Exchange exchange = http.send(get(url.toString(), token), MALFORMED);
            JsonNode body = checked(exchange);
            List<IncomingPost> posts = new ArrayList<>();
            String newest = null;
            for (JsonNode item : body.path("data")) {
                IncomingPost post = post(item, null, page);
                if (post != null) {
                    posts.add(post);
                    long seconds = post.postedAt().getEpochSecond();
                    newest = newest == null || Long.parseLong(newest) < seconds ? Long.toString(seconds) : newest;
                    for (JsonNode comment : item.path("comments").path("data")) {
                        IncomingPost reply = post(comment, post.externalId(), page);
                        if (reply != null) {
                            posts.add(reply);
                        }
                    }
                }
            }
            JsonNode paging = body.path("paging");
            String next = paging.has("next") ? PlatformHttp.text(paging.path("cursors"), "after") : null;
            at = at.after(newest, next);
            more = pages.store(posts, at.format()) && next != null && !nearLimit(exchange);
        }
    }

    private String base(Connector connector) {
        return PlatformHttp.base(connector.setting(Connector.URL), DEFAULT_BASE) + "/" + version;
    }

    private static HttpRequest.Builder get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET();
    }

    private @Nullable IncomingPost post(JsonNode item, @Nullable String postId, String page) {
        String id = PlatformHttp.text(item, "id");
        String text = PlatformHttp.text(item, "message");
        if (!id.matches(ID) || text.isBlank()) {
            return null;
        }
        String parent = PlatformHttp.text(item.path("parent"), "id");
        JsonNode from = item.path("from");
        String authorId = PlatformHttp.text(from, "id");
        String name = PlatformHttp.text(from, "name");
        String link = PlatformHttp.text(item, "permalink_url");
        return new IncomingPost(
                id,
                parent.matches(ID) ? parent : postId,
                authorId.isBlank() ? "facebook" : authorId,
                name.isBlank() ? authorId : name,
                text,
                link.startsWith("https://") ? link : null,
                null,
                null,
                authorId.equals(page),
                instant(PlatformHttp.text(item, "created_time")),
                http.write(item),
                "application/json");
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value, GRAPH_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    /** The body of a successful answer, or the Graph error it carries as a failure. */
    private JsonNode checked(PlatformHttp.Exchange exchange) throws PlatformFailure {
        JsonNode body;
        try {
            body = http.json(exchange, MALFORMED);
        } catch (PlatformFailure notJson) {
            if (exchange.ok()) {
                throw notJson;
            }
            throw new PlatformFailure("channels.error.http-status", "HTTP " + exchange.status(), null);
        }
        JsonNode error = body.get("error");
        if (exchange.ok() && error == null) {
            return body;
        }
        int code = error == null ? 0 : error.path("code").asInt(0);
        String detail = "HTTP " + exchange.status() + " code " + code + " "
                + PlatformHttp.text(error, "type") + ": " + PlatformHttp.text(error, "message")
                + " (fbtrace_id " + PlatformHttp.text(error, "fbtrace_id") + ")";
        if (code == 190) {
            throw new PlatformFailure(TOKEN_EXPIRED, detail, null);
        }
        if (RATE_LIMITS.contains(code) || exchange.status() == 429) {
            throw new PlatformFailure("channels.error.rate-limited", detail, regainAccess(exchange));
        }
        if (code == 10 || code >= 200 && code < 300) {
            throw new PlatformFailure(PERMISSION, detail, null);
        }
        throw new PlatformFailure("channels.error.http-status", detail, null);
    }

    /** The longest {@code estimated_time_to_regain_access} (minutes) of the business use case usage header. */
    private @Nullable Duration regainAccess(PlatformHttp.Exchange exchange) {
        long minutes = 0;
        for (JsonNode entries : usage(exchange, "X-Business-Use-Case-Usage")) {
            for (JsonNode entry : entries) {
                minutes = Math.max(
                        minutes, entry.path("estimated_time_to_regain_access").asLong(0));
            }
        }
        return minutes > 0 ? Duration.ofMinutes(minutes) : null;
    }

    /** Whether the app or a business use case has used 95% or more of a quota (the percentages of the headers). */
    private boolean nearLimit(PlatformHttp.Exchange exchange) {
        List<JsonNode> quotas = new ArrayList<>();
        quotas.add(usage(exchange, "X-App-Usage"));
        for (JsonNode entries : usage(exchange, "X-Business-Use-Case-Usage")) {
            entries.forEach(quotas::add);
        }
        for (JsonNode quota : quotas) {
            for (String field : List.of("call_count", "total_time", "total_cputime")) {
                if (quota.path(field).asInt(0) >= 95) {
                    return true;
                }
            }
        }
        return false;
    }

    private JsonNode usage(PlatformHttp.Exchange exchange, String header) {
        return http.headerJson(exchange.header(header).orElse(null));
    }

    @Override
    public Outcome send(Connector connector, ReplyRequested request) {
        return replies.send(connector, NO_TOKEN, token -> {
            String target = request.inReplyToExternalId();
            if (!target.matches(ID)) {
                throw new PlatformFailure("channels.reply.refused", "not a Graph object id", null);
            }
            byte[] payload = ("message=" + PlatformHttp.encode(request.text())).getBytes(StandardCharsets.UTF_8);
            PlatformHttp.Exchange exchange = http.send(
                    HttpRequest.newBuilder(URI.create(base(connector) + "/" + target + "/comments"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(payload)),
                    MALFORMED);
            String id = PlatformHttp.text(checked(exchange), "id");
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("object", target);
            evidence.put("message", request.text());
            return new Sent(
                    id.isBlank() ? null : id,
                    id.matches(ID) ? "https://www.facebook.com/" + id : null,
                    http.write(evidence),
                    connector.name());
        });
    }
}
