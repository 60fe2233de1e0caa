package io.backchannel.channels.internal;

import io.backchannel.channels.ReplyRequested;
import io.backchannel.system.WebhookSignatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replies through a webhook connector go as a signed JSON POST to the reply address the admin configured. The
 * receiver may answer with {@code {"id": ..., "url": ...}} to name the reply on its side.
 */
@Component
class WebhookReplies implements ReplyChannel {

    static final String NO_REPLY_URL = "channels.reply.no-reply-url";
    static final String REFUSED = "channels.reply.refused";
    static final String UNREACHABLE = "channels.reply.unreachable";

    private final Connectors connectors;
    private final JsonMapper json;
    private final HttpClient client;
    private final Duration timeout;

    WebhookReplies(
            Connectors connectors,
            JsonMapper json,
            @Value("${backchannel.channels.http-timeout:10s}") Duration timeout) {
        this.connectors = connectors;
        this.json = json;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.WEBHOOK;
    }

    @Override
    public Outcome send(Connector connector, ReplyRequested request) {
        String url = connector.setting(Connector.REPLY_URL);
        String secret = connectors.secret(connector.id()).orElse(null);
        if (url.isBlank() || secret == null) {
            return new Failed(NO_REPLY_URL, connector.name());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replyId", request.replyId().toString());
        body.put("inReplyTo", request.inReplyToExternalId());
        body.put("text", request.text());
        body.put("requestedAt", request.requestedAt().toString());
        byte[] payload = json.writeValueAsBytes(body);
        try {
            HttpResponse<String> response = client.send(
                    WebhookSignatures.signedPost(URI.create(url), secret, payload, timeout)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return new Failed(REFUSED, "HTTP " + response.statusCode());
            }
            JsonNode answer = answer(response.body());
            return new Sent(text(answer, "id"), text(answer, "url"), payload, connector.name());
        } catch (IOException | IllegalArgumentException e) {
            return new Failed(UNREACHABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(UNREACHABLE, "interrupted");
        }
    }

    private @Nullable JsonNode answer(String body) {
        try {
            return body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static @Nullable String text(@Nullable JsonNode answer, String field) {
        if (answer == null || !answer.has(field) || !answer.get(field).isString()) {
            return null;
        }
        String value = answer.get(field).asString();
        return value.isBlank() || value.length() > 2000 ? null : value;
    }
}
