package io.backchannel.channels.internal.mastodon;

import io.backchannel.channels.ReplyRequested;
import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Posts;
import io.backchannel.channels.internal.ReplyChannel;
import io.backchannel.channels.internal.platforms.JsonApi;
import io.backchannel.channels.internal.platforms.PlatformFailure;
import io.backchannel.channels.internal.platforms.PlatformReplies;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replies as statuses in the customer's thread ({@code in_reply_to_id}), as visible as the status answered (a direct
 * message is answered directly), addressed to its author so they are told. The reply id is the
 * {@code Idempotency-Key}, so a retried request does not post twice.
 */
@Component
class MastodonReplies implements ReplyChannel {

    private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

    private final PlatformReplies replies;
    private final Posts posts;
    private final JsonMapper json;
    private final JsonApi api;

    MastodonReplies(PlatformReplies replies, Posts posts, JsonMapper json, JsonApi api) {
        this.replies = replies;
        this.posts = posts;
        this.json = json;
        this.api = api;
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.MASTODON;
    }

    @Override
    public Outcome send(Connector connector, ReplyRequested request) {
        return replies.send(
                connector,
                MastodonPoller.NO_TOKEN,
                token -> {
                    byte[] payload = json.writeValueAsBytes(status(connector, request));
                    JsonApi.Answer answer = api.post(
                            URI.create(connector.setting(Connector.URL).replaceAll("/+$", "") + "/api/v1/statuses"),
                            Map.of(
                                    "Authorization",
                                    "Bearer " + token,
                                    "Idempotency-Key",
                                    request.replyId().toString()),
                            payload);
                    String account = connector.setting(Connector.ACCOUNT);
                    return new Sent(
                            JsonApi.text(answer.body(), "id"),
                            JsonApi.text(answer.body(), "url"),
                            payload,
                            account.isBlank() ? connector.name() : account);
                },
                PlatformFailure::replyFailed);
    }

    /** The reply status: addressed to the author, as visible and in the language of the status answered. */
    private Map<String, Object> status(Connector connector, ReplyRequested request) {
        JsonNode original = JsonApi.storedOrEmpty(
                json,
                posts.payload(connector.id(), request.inReplyToExternalId()).orElse(null));
        String acct = JsonApi.text(original.path("account"), "acct");
        String text = request.text();
        if (acct != null && !text.toLowerCase(Locale.ROOT).contains("@" + acct.toLowerCase(Locale.ROOT))) {
            text = "@" + acct + " " + text;
        }
        String visibility = JsonApi.text(original, "visibility");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", text);
        body.put("in_reply_to_id", request.inReplyToExternalId());
        body.put("visibility", visibility != null && VISIBILITIES.contains(visibility) ? visibility : "unlisted");
        String language = JsonApi.text(original, "language");
        if (language != null) {
            body.put("language", language);
        }
        return body;
    }
}
