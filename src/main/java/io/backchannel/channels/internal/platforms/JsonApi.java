package io.backchannel.channels.internal.platforms;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A platform's JSON API as the Mastodon and Bluesky connectors call it, over {@link PlatformHttp}: every answer that
 * is not a readable JSON document in UTF-8 becomes a {@link PlatformFailure} with a message key for the connector's
 * health, and the platform's rate-limit headers are read on every answer so a connector can stop before it is told
 * to.
 */
@Component
public class JsonApi {

    public static final String RATE_LIMITED = "channels.error.rate-limited";
    public static final String HTTP_STATUS = "channels.error.http-status";
    public static final String MALFORMED = "channels.api.malformed";
    public static final String ENCODING = "channels.api.encoding";
    public static final String TOO_LARGE = "channels.api.too-large";
    public static final String UNAUTHORISED = "channels.api.unauthorised";

    private final PlatformHttp http;

    JsonApi(PlatformHttp http) {
        this.http = http;
    }

    /** One answer: its JSON and headers, and whether the platform said this was the last call allowed for now. */
    public record Answer(int status, JsonNode body, HttpHeaders headers, @Nullable Duration exhaustedFor) {}

    public Answer get(URI uri, Map<String, String> headers) throws PlatformFailure {
        return send(HttpRequest.newBuilder(uri).GET(), headers);
    }

    public Answer post(URI uri, Map<String, String> headers, byte[] body) throws PlatformFailure {
        return send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                headers);
    }

    private Answer send(HttpRequest.Builder request, Map<String, String> headers) throws PlatformFailure {
        request.header("Accept", "application/json");
        headers.forEach(request::header);
        Instant now = Instant.now();
        PlatformHttp.Exchange exchange = http.send(request, TOO_LARGE);
        int status = exchange.status();
        Duration wait = exchange.platformWait(now).orElse(null);
        if (status == 429 || status == 503 && wait != null) {
            throw new PlatformFailure(RATE_LIMITED, "HTTP " + status, wait, status);
        }
        if (status == 401 || status == 403) {
            throw new PlatformFailure(UNAUTHORISED, "HTTP " + status + " " + snippet(exchange.body()), null, status);
        }
        if (!exchange.ok()) {
            throw new PlatformFailure(HTTP_STATUS, "HTTP " + status + " " + snippet(exchange.body()), wait, status);
        }
        JsonNode body = http.tree(exchange, ENCODING, MALFORMED);
        if (!(body.isObject() || body.isArray())) {
            throw new PlatformFailure(MALFORMED, "not a JSON object or array", null, status);
        }
        return new Answer(status, body, exchange.headers(), wait);
    }

    private static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        return text.replaceAll("\\s+", " ").strip();
    }

    /** Stored JSON (a post's payload, say) as a tree; an empty object when there is none or it cannot be read. */
    public static JsonNode storedOrEmpty(JsonMapper json, byte @Nullable [] stored) {
        try {
            return stored == null ? json.createObjectNode() : json.readTree(stored);
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }

    /** A string field of a JSON object, or null when it is missing, blank or not a string. */
    public static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
