package io.backchannel.channels.internal.mastodon;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.HtmlText;
import io.backchannel.channels.internal.IncomingPost;
import io.backchannel.channels.internal.Posts;
import io.backchannel.channels.internal.platforms.JsonApi;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mastodon statuses as posts: the HTML content read as plain text (nothing of the markup is passed on), the author's
 * acct and display name, the status's own language. A polled page is stored by {@link
 * io.backchannel.channels.internal.platforms.PlatformPolling} together with the cursor that covers it.
 */
@Component
class MastodonStatuses {

    private final Posts posts;
    private final JsonMapper json;

    MastodonStatuses(Posts posts, JsonMapper json) {
        this.posts = posts;
        this.json = json;
    }

    /** Stores one status (from the stream, say); false when it was heard before or is not a usable status. */
    @Transactional
    boolean capture(Connector connector, JsonNode status) {
        IncomingPost post = post(connector, status);
        return post != null && posts.capture(connector, post).isPresent();
    }

    /** The author deleted a status; marked when this connector holds it. */
    void deleted(Connector connector, String statusId) {
        posts.markDeleted(connector.id(), statusId, Instant.now());
    }

    /** The status as a post; null when it is not a usable status (a boost, no author, no text). */
    @Nullable
    IncomingPost post(Connector connector, JsonNode status) {
        String id = JsonApi.text(status, "id");
        JsonNode account = status.path("account");
        String acct = JsonApi.text(account, "acct");
        if (id == null || acct == null || status.path("reblog").isObject() || id.length() > 200) {
            return null;
        }
        String text = HtmlText.plain(status.path("content").asString(""));
        String warning = JsonApi.text(status, "spoiler_text");
        if (warning != null) {
            text = HtmlText.plain(warning) + "\n\n" + text;
        }
        if (text.isBlank()) {
            return null;
        }
        String name = JsonApi.text(account, "display_name");
        return new IncomingPost(
                id,
                JsonApi.text(status, "in_reply_to_id"),
                acct,
                name == null ? acct : HtmlText.plain(name),
                text.replace("\u0000", ""),
                webUrl(status),
                JsonApi.text(status, "language"),
                null,
                ownAccount(connector, acct),
                createdAt(JsonApi.text(status, "created_at")),
                json.writeValueAsBytes(status),
                "application/json");
    }

    private static @Nullable String webUrl(JsonNode status) {
        for (String field : List.of("url", "uri")) {
            String url = JsonApi.text(status, field);
            if (url != null && url.length() <= 2000 && url.matches("(?i)https?://\\S+")) {
                return url;
            }
        }
        return null;
    }

    /** The company's own account, written {@code name} or {@code name@instance}, with or without the leading @. */
    static boolean ownAccount(Connector connector, String acct) {
        String own = connector
                .setting(Connector.ACCOUNT)
                .strip()
                .replaceFirst("^@", "")
                .toLowerCase(Locale.ROOT);
        if (own.isEmpty()) {
            return false;
        }
        String author = acct.toLowerCase(Locale.ROOT);
        return author.equals(own) || !author.contains("@") && own.startsWith(author + "@");
    }

    private static Instant createdAt(@Nullable String value) {
        try {
            return value == null ? Instant.now() : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
