package io.backchannel.channels.internal.bluesky;

import io.backchannel.channels.internal.IncomingPost;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** An {@code app.bsky.feed.post} record as a post, however it arrived (Jetstream event or search result). */
final class BlueskyPosts {

    static final String POST = "app.bsky.feed.post";

    private BlueskyPosts() {}

    /** {@code text} is the record's text, which the caller has checked. */
    static IncomingPost post(
            String did, String rkey, String handle, String name, JsonNode record, String text, byte[] payload) {
        JsonNode langs = record.path("langs");
        return new IncomingPost(
                uri(did, rkey),
                text(record.path("reply").path("parent"), "uri"),
                handle,
                name,
                text.replace("\u0000", ""),
                "https://bsky.app/profile/" + did + "/post/" + rkey,
                langs.isArray() && !langs.isEmpty() && langs.path(0).isString()
                        ? langs.path(0).asString()
                        : null,
                null,
                false,
                createdAt(text(record, "createdAt")),
                payload,
                "application/json");
    }

    static String uri(String did, String rkey) {
        return "at://" + did + "/" + POST + "/" + rkey;
    }

    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    private static Instant createdAt(@Nullable String value) {
        try {
            return value == null ? Instant.now() : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
