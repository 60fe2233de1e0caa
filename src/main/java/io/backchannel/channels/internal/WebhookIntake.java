package io.backchannel.channels.internal;

import io.backchannel.system.RateLimits;
import io.backchannel.system.WebhookSignatures;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts pushed to a webhook connector: the body must be signed with the connector's secret (see {@link WebhookSignatures}),
 * strict UTF-8 JSON, and hold at least an id, an author handle and a text. A text over the limit is refused rather
 * than cut, so that the sender learns of it and no one answers half a post.
 */
@Service
public class WebhookIntake {

    public static final String PAYLOAD_TYPE = "application/json";
    private static final int MAX_FIELD = 500;

    private final Connectors connectors;
    private final WebhookTargets targets;
    private final CaptureQueue queue;
    private final RateLimits limits;
    private final JsonMapper json;
    private final int maxText;

    WebhookIntake(
            Connectors connectors,
            WebhookTargets targets,
            CaptureQueue queue,
            RateLimits limits,
            JsonMapper json,
            @Value("${backchannel.channels.max-text-length:10000}") int maxText) {
        this.connectors = connectors;
        this.targets = targets;
        this.queue = queue;
        this.limits = limits;
        this.json = json;
        this.maxText = maxText;
    }

    /**
     * Stores the post (once), together with others arriving at the same time, and returns its id; the answer comes
     * after the commit.
     */
    public Received receive(UUID connectorId, @Nullable String timestamp, @Nullable String signature, byte[] body) {
        if (!limits.tryAcquire("channels-webhook", connectorId.toString())) {
            throw new Refused(429, "channels.webhook.rate-limited", null);
        }
        Instant now = Instant.now();
        WebhookTargets.Target target = targets.find(connectorId, now, () -> connectors
                        .find(connectorId)
                        .filter(found -> found.kind() == ConnectorKind.WEBHOOK)
                        .map(found -> new WebhookTargets.Target(
                                found, connectors.secret(connectorId).orElse(""))))
                .orElseThrow(() -> new Refused(404, "channels.webhook.unknown", null));
        if (target.secret().isEmpty() || !WebhookSignatures.verify(target.secret(), timestamp, signature, body, now)) {
            throw new Refused(401, "channels.webhook.bad-signature", null);
        }
        if (!target.connector().enabled()) {
            throw new Refused(409, "channels.webhook.disabled", null);
        }
        IncomingPost post = parse(body);
        try {
            Optional<UUID> id = queue.capture(target.connector(), post);
            return new Received(id.orElse(null), id.isEmpty());
        } catch (CaptureQueue.Busy e) {
            throw new Refused(503, "channels.webhook.busy", null);
        }
    }

    IncomingPost parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(strictUtf8(body));
        } catch (JacksonException e) {
            throw new Refused(400, "channels.webhook.not-json", null);
        }
        if (root == null || !root.isObject()) {
            throw new Refused(400, "channels.webhook.not-json", null);
        }
        String id = required(root, "id", MAX_FIELD);
        JsonNode author = root.path("author");
        String handle = required(author, "handle", MAX_FIELD, "author.handle");
        String name = optional(author, "name", MAX_FIELD, "author.name");
        String text = required(root, "text", Integer.MAX_VALUE);
        if (text.codePointCount(0, text.length()) > maxText) {
            throw new Refused(400, "channels.webhook.text-too-long", "text");
        }
        String url = optional(root, "url", 2000, "url");
        if (url != null && !url.matches("(?i)https?://[^\\s]+")) {
            throw new Refused(400, "channels.webhook.bad-url", "url");
        }
        String language = optional(root, "language", 35, "language");
        if (language != null && !language.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
            throw new Refused(400, "channels.webhook.bad-language", "language");
        }
        return new IncomingPost(
                id,
                optional(root, "inReplyTo", MAX_FIELD, "inReplyTo"),
                handle,
                name == null ? handle : name,
                text,
                url,
                language,
                null,
                false,
                postedAt(optional(root, "postedAt", 64, "postedAt")),
                body,
                PAYLOAD_TYPE);
    }

    private static Instant postedAt(@Nullable String value) {
        if (value == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refused(400, "channels.webhook.bad-date", "postedAt");
        }
    }

    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Refused(400, "channels.webhook.not-utf8", null);
        }
    }

    private static String required(JsonNode node, String field, int max) {
        return required(node, field, max, field);
    }

    private static String required(JsonNode node, String field, int max, String path) {
        String value = optional(node, field, max, path);
        if (value == null) {
            throw new Refused(400, "channels.webhook.missing", path);
        }
        return value;
    }

    /** A string field, stripped; PostgreSQL text holds no NUL characters, so they are dropped. */
    private static @Nullable String optional(JsonNode node, String field, int max, String path) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString() && !value.isNumber()) {
            throw new Refused(400, "channels.webhook.not-text", path);
        }
        String text = value.asString().replace("\u0000", "").strip();
        if (text.length() > max) {
            throw new Refused(400, "channels.webhook.too-long", path);
        }
        return text.isEmpty() ? null : text;
    }

    /** What the sender learns: the post's id here, or that it was a repeated delivery. */
    public record Received(@Nullable UUID postId, boolean duplicate) {}

    /** The request is refused with an HTTP status; {@code messageKey} says why, {@code field} names the culprit. */
    public static class Refused extends RuntimeException {
        private final int status;
        private final String messageKey;
        private final @Nullable String field;

        Refused(int status, String messageKey, @Nullable String field) {
            super(messageKey);
            this.status = status;
            this.messageKey = messageKey;
            this.field = field;
        }

        public int status() {
            return status;
        }

        public String messageKey() {
            return messageKey;
        }

        public @Nullable String field() {
            return field;
        }
    }
}
