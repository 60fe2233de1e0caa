package io.backchannel.channels.internal.bluesky;

import io.backchannel.channels.ReplyRequested;
import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Posts;
import io.backchannel.channels.internal.ReplyChannel;
import io.backchannel.channels.internal.platforms.JsonApi;
import io.backchannel.channels.internal.platforms.PlatformFailure;
import java.text.BreakIterator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replies through a Bluesky search connector as a post record in the customer's thread: {@code reply.parent} is the
 * post answered and {@code reply.root} its thread's first post, both as strong references (uri and cid) taken from
 * the post as it was heard.
 */
@Component
class BlueskyReplies implements ReplyChannel {

    static final String UNKNOWN_POST = "channels.bluesky.reply.unknown-post";
    static final String TOO_LONG = "channels.bluesky.reply.too-long";
    static final int MAX_GRAPHEMES = 300;

    private final Posts posts;
    private final BlueskySessions sessions;
    private final JsonMapper json;
    private final JsonApi api;

    BlueskyReplies(Posts posts, BlueskySessions sessions, JsonMapper json, JsonApi api) {
        this.posts = posts;
        this.sessions = sessions;
        this.json = json;
        this.api = api;
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.BLUESKY_SEARCH;
    }

    @Override
    public Outcome send(Connector connector, ReplyRequested request) {
        JsonNode parent = JsonApi.storedOrEmpty(
                json,
                posts.payload(connector.id(), request.inReplyToExternalId()).orElse(null));
        Map<String, String> parentRef = strongRef(parent);
        if (parentRef == null) {
            return new Failed(UNKNOWN_POST, request.inReplyToExternalId());
        }
        if (graphemes(request.text()) > MAX_GRAPHEMES) {
            return new Failed(TOO_LONG, graphemes(request.text()) + " graphemes");
        }
        Map<String, String> rootRef =
                strongRef(parent.path("record").path("reply").path("root"));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("$type", BlueskyPosts.POST);
        record.put("text", request.text());
        record.put("createdAt", Instant.now().toString());
        record.put("reply", Map.of("root", rootRef == null ? parentRef : rootRef, "parent", parentRef));
        JsonNode langs = parent.path("record").path("langs");
        if (langs.isArray() && !langs.isEmpty() && langs.path(0).isString()) {
            record.put("langs", List.of(langs.path(0).asString()));
        }
        try {
            return sessions.call(connector, session -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("repo", session.did());
                body.put("collection", BlueskyPosts.POST);
                body.put("record", record);
                byte[] payload = json.writeValueAsBytes(body);
                JsonNode answer = api.post(
                                BlueskySessions.xrpc(connector, "com.atproto.repo.createRecord"),
                                session.authorisation(),
                                payload)
                        .body();
                String uri = JsonApi.text(answer, "uri");
                String rkey = uri == null ? null : uri.substring(uri.lastIndexOf('/') + 1);
                return new Sent(
                        uri,
                        rkey == null ? null : "https://bsky.app/profile/" + session.did() + "/post/" + rkey,
                        payload,
                        session.handle());
            });
        } catch (PlatformFailure refused) {
            return refused.replyFailed();
        }
    }

    private static @Nullable Map<String, String> strongRef(JsonNode node) {
        String uri = JsonApi.text(node, "uri");
        String cid = JsonApi.text(node, "cid");
        return uri == null || cid == null || !uri.startsWith("at://") ? null : Map.of("uri", uri, "cid", cid);
    }

    /** Bluesky counts a post's length in grapheme clusters (an emoji with modifiers is one). */
    static int graphemes(String text) {
        BreakIterator breaks = BreakIterator.getCharacterInstance();
        breaks.setText(text);
        int count = 0;
        while (breaks.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }
}
