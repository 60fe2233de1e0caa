package io.backchannel.channels.internal.linkedin;

import io.backchannel.channels.ReplyRequested;
import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.IncomingPost;
import io.backchannel.channels.internal.ReplyChannel;
import io.backchannel.channels.internal.platforms.PlatformFailure;
import io.backchannel.channels.internal.platforms.PlatformHttp;
import io.backchannel.channels.internal.platforms.PlatformReplies;
import io.backchannel.channels.internal.platforms.PlatformSource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Lists the organisation's recent posts ({@code GET /rest/posts?q=author}) and reads the comments of each
 * ({@code GET /rest/socialActions/{urn}/comments}, paged by {@code start}/{@code count}). LinkedIn offers no
 * "since" here, so each round reads those comments again and the unique key of posts absorbs the repeats (a comment
 * that shows up late with an older time is still taken); the cursor keeps the newest comment time heard. Every call carries {@code LinkedIn-Version} and
 * {@code X-Restli-Protocol-Version: 2.0.0}; a 429 waits as {@code Retry-After} says.
 */
@Component
class LinkedInConnector implements PlatformSource, ReplyChannel {

    static final String DEFAULT_BASE = "https://api.linkedin.com";
    static final String TOKEN_REJECTED = "channels.linkedin.token-rejected";
    static final String FORBIDDEN = "channels.linkedin.forbidden";
    static final String MALFORMED = "channels.linkedin.malformed";
    static final String NO_TOKEN = "channels.linkedin.no-token";
    static final String ORGANIZATION = "urn:li:organization:[0-9]{1,20}";
    private static final Pattern URN = Pattern.compile("urn:li:[A-Za-z]{1,30}:[A-Za-z0-9_:(),-]{1,200}");
    private static final Pattern COMMENT = Pattern.compile("urn:li:comment:\\((urn:li:[A-Za-z]+:[0-9]+),[0-9]+\\)");
    private static final int POSTS = 10;
    private static final int COUNT = 50;
    private static final int MAX_COMMENT_PAGES = 20;

    private final PlatformHttp http;
    private final PlatformReplies replies;
    private final String version;

    LinkedInConnector(
            PlatformHttp http,
            PlatformReplies replies,
            @Value("${backchannel.channels.linkedin.api-version:202510}") String version) {
        this.http = http;
        this.replies = replies;
        this.version = version.strip();
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.LINKEDIN;
    }

    @Override
    public void poll(Connector connector, String token, Pages pages) throws PlatformFailure {
        String organization = connector.setting(Connector.ACCOUNT).strip();
        if (!organization.matches(ORGANIZATION)) {
            throw new PlatformFailure(FORBIDDEN, "organisation URN missing or invalid", null);
        }
        String base = PlatformHttp.base(connector.setting(Connector.URL), DEFAULT_BASE) + "/rest";
        long newest = newest(connector.cursor());
        JsonNode recent = read(get(
                base + "/posts?q=author&author=" + PlatformHttp.encode(organization) + "&count=" + POSTS
                        + "&sortBy=LAST_MODIFIED",
                token));
        List<IncomingPost> comments = new ArrayList<>();
        for (JsonNode post : recent.path("elements")) {
            String postUrn = PlatformHttp.text(post, "id");
            if (!URN.matcher(postUrn).matches()) {
                continue;
            }
            for (int page = 0, start = 0; page < MAX_COMMENT_PAGES; page++, start += COUNT) {
                JsonNode answer = read(get(
                        base + "/socialActions/" + PlatformHttp.encode(postUrn) + "/comments?start=" + start + "&count="
                                + COUNT,
                        token));
                int read = 0;
                for (JsonNode element : answer.path("elements")) {
                    read++;
                    IncomingPost comment = comment(element, postUrn, organization);
                    if (comment != null) {
                        comments.add(comment);
                        newest = Math.max(newest, comment.postedAt().toEpochMilli());
                    }
                }
                long total = answer.path("paging").path("total").asLong(0);
                if (read < COUNT || start + read >= total && total > 0) {
                    break;
                }
            }
        }
        pages.store(comments, newest > 0 ? Long.toString(newest) : null);
    }

    private static long newest(@Nullable String cursor) {
        try {
            return cursor == null ? 0 : Long.parseLong(cursor.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private HttpRequest.Builder get(String url, String token) {
        return headers(HttpRequest.newBuilder(URI.create(url)), token).GET();
    }

    private HttpRequest.Builder headers(HttpRequest.Builder request, String token) {
        return request.header("Authorization", "Bearer " + token)
                .header("LinkedIn-Version", version)
                .header("X-Restli-Protocol-Version", "2.0.0")
                .header("Accept", "application/json");
    }

    private JsonNode read(HttpRequest.Builder request) throws PlatformFailure {
        return http.json(call(request), MALFORMED);
    }

    /** The answer when it is a success; LinkedIn's error status (and its {@code message}) as a failure otherwise. */
    private PlatformHttp.Exchange call(HttpRequest.Builder request) throws PlatformFailure {
        PlatformHttp.Exchange exchange = http.send(request, MALFORMED);
        if (exchange.ok()) {
            return exchange;
        }
        String message = http.headerJson(new String(exchange.body(), StandardCharsets.UTF_8))
                .path("message")
                .asString("");
        String detail = ("HTTP " + exchange.status() + " " + message).strip();
        switch (exchange.status()) {
            case 401 -> throw new PlatformFailure(TOKEN_REJECTED, detail, null);
            case 403 -> throw new PlatformFailure(FORBIDDEN, detail, null);
            case 429 ->
                throw new PlatformFailure(
                        "channels.error.rate-limited",
                        detail,
                        exchange.platformWait(Instant.now()).orElse(null));
            default -> throw new PlatformFailure("channels.error.http-status", detail, null);
        }
    }

    private @Nullable IncomingPost comment(JsonNode element, String postUrn, String organization) {
        String urn = PlatformHttp.text(element, "commentUrn");
        if (urn.isBlank()) {
            urn = PlatformHttp.text(element, "$URN");
        }
        String text = PlatformHttp.text(element.path("message"), "text");
        if (!URN.matcher(urn).matches() || text.isBlank()) {
            return null;
        }
        String actor = PlatformHttp.text(element, "actor");
        String parent = PlatformHttp.text(element, "parentComment");
        long time = element.path("created").path("time").asLong(0);
        return new IncomingPost(
                urn,
                URN.matcher(parent).matches() ? parent : postUrn,
                actor.isBlank() ? "linkedin" : actor,
                actor.isBlank() ? "LinkedIn" : actor,
                text,
                "https://www.linkedin.com/feed/update/" + postUrn,
                null,
                null,
                actor.equals(organization),
                time > 0 ? Instant.ofEpochMilli(time) : Instant.now(),
                http.write(element),
                "application/json");
    }

    @Override
    public Outcome send(Connector connector, ReplyRequested request) {
        return replies.send(connector, NO_TOKEN, token -> {
            String target = request.inReplyToExternalId();
            String organization = connector.setting(Connector.ACCOUNT).strip();
            if (!URN.matcher(target).matches() || !organization.matches(ORGANIZATION)) {
                throw new PlatformFailure("channels.reply.refused", "not a LinkedIn URN: " + target, null);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("actor", organization);
            Matcher comment = COMMENT.matcher(target);
            if (comment.matches()) {
                body.put("object", comment.group(1));
                body.put("parentComment", target);
            } else {
                body.put("object", target);
            }
            body.put("message", Map.of("text", request.text()));
            byte[] payload = http.write(body);
            String base = PlatformHttp.base(connector.setting(Connector.URL), DEFAULT_BASE) + "/rest";
            PlatformHttp.Exchange answer = call(headers(
                            HttpRequest.newBuilder(
                                    URI.create(base + "/socialActions/" + PlatformHttp.encode(target) + "/comments")),
                            token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload)));
            // The created comment comes back in the body or, with an empty body, only as its id in x-restli-id.
            String id = answer.body().length == 0
                    ? answer.header("x-restli-id").orElse("")
                    : PlatformHttp.text(http.json(answer, MALFORMED), "commentUrn");
            return new Sent(id.isBlank() ? null : id, null, payload, connector.name());
        });
    }
}
