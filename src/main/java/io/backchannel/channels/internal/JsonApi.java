package io.backchannel.channels.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A platform's JSON API as the polling connectors call it: every answer that is not a readable JSON document in
 * UTF-8 becomes an {@link Refused} with a message key for the connector's health, and the platform's rate-limit
 * headers are read on every answer so a connector can stop before it is told to.
 */
public final class JsonApi {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JsonApi.class);

    public static final String RATE_LIMITED = "channels.error.rate-limited";
    public static final String HTTP_STATUS = "channels.error.http-status";
    public static final String TIMEOUT = "channels.error.timeout";
    public static final String UNREACHABLE = "channels.error.unreachable";
    public static final String MALFORMED = "channels.api.malformed";
    public static final String ENCODING = "channels.api.encoding";
    public static final String TOO_LARGE = "channels.api.too-large";
    public static final String UNAUTHORISED = "channels.api.unauthorised";

    /** Answers larger than this are refused unread: a page of posts is a few hundred kilobytes at most. */
    static final int MAX_BODY = 8 * 1024 * 1024;

    private final HttpClient client;
    private final JsonMapper json;
    private final Duration timeout;

    public JsonApi(JsonMapper json, Duration timeout) {
        this.json = json;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One answer: its JSON and headers, and whether the platform said this was the last call allowed for now. */
    public record Answer(int status, JsonNode body, HttpHeaders headers, @Nullable Duration exhaustedFor) {}

    public Answer get(URI uri, Map<String, String> headers) throws Refused {
        return send(HttpRequest.newBuilder(uri).GET(), headers);
    }

    public Answer post(URI uri, Map<String, String> headers, byte[] body) throws Refused {
        return send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                headers);
    }

    private Answer send(HttpRequest.Builder request, Map<String, String> headers) throws Refused {
        request.timeout(timeout).header("Accept", "application/json");
        headers.forEach(request::header);
        Instant now = Instant.now();
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
        } catch (HttpTimeoutException e) {
            throw new Refused(TIMEOUT, String.valueOf(e.getMessage()), null, 0);
        } catch (IOException | IllegalArgumentException e) {
            throw new Refused(UNREACHABLE, e.getClass().getSimpleName() + ": " + e.getMessage(), null, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(UNREACHABLE, "interrupted", null, 0);
        }
        int status = response.statusCode();
        Duration wait =
                Backoff.platformWait(rateLimitHeaders(response.headers()), now).orElse(null);
        if (status == 429 || status == 503 && wait != null) {
            throw new Refused(RATE_LIMITED, "HTTP " + status, wait, status);
        }
        if (status == 401 || status == 403) {
            throw new Refused(UNAUTHORISED, "HTTP " + status + " " + snippet(body), null, status);
        }
        if (status / 100 != 2) {
            throw new Refused(HTTP_STATUS, "HTTP " + status + " " + snippet(body), wait, status);
        }
        return new Answer(status, parse(body), response.headers(), wait);
    }

    /**
     * The headers with the IETF draft's {@code RateLimit-Remaining}/{@code RateLimit-Reset} (Bluesky's) also under
     * the {@code X-RateLimit-} names (Mastodon's) that {@link Backoff} reads.
     */
    private static Map<String, List<String>> rateLimitHeaders(HttpHeaders headers) {
        Map<String, List<String>> all = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(headers.map());
        for (String name : List.of("remaining", "reset")) {
            headers.firstValue("ratelimit-" + name)
                    .ifPresent(value -> all.putIfAbsent("x-ratelimit-" + name, List.of(value)));
        }
        return all;
    }

    private JsonNode parse(byte[] body) throws Refused {
        if (body.length > MAX_BODY) {
            throw new Refused(TOO_LARGE, "over " + MAX_BODY + " bytes", null, 200);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Refused(ENCODING, String.valueOf(e.getMessage()), null, 200);
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw new Refused(MALFORMED, "not a JSON object or array", null, 200);
            }
            return node;
        } catch (JacksonException e) {
            throw new Refused(MALFORMED, e.getOriginalMessage(), null, 200);
        }
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

    /** The call did not give a usable answer; {@code reasonKey} is a message key, {@code wait} the platform's ask. */
    public static final class Refused extends Exception {

        private final String reasonKey;
        private final @Nullable Duration wait;
        private final int status;

        public Refused(String reasonKey, String detail, @Nullable Duration wait, int status) {
            super(detail);
            this.reasonKey = reasonKey;
            this.wait = wait;
            this.status = status;
        }

        public String reasonKey() {
            return reasonKey;
        }

        public @Nullable Duration waitFor() {
            return wait;
        }

        /** The HTTP status, 0 when no answer came. */
        public int status() {
            return status;
        }

        /** Counts the failure on the connector's health, with the wait before its next attempt. */
        public PollOutcome record(Connectors connectors, Connector connector, Instant at) {
            Duration delay = connectors.failed(connector.id(), reasonKey, detail(), wait, at);
            log.info(
                    "{} connector {} failed ({}: {}); next attempt in {}",
                    connector.kind().channel(),
                    connector.name(),
                    reasonKey,
                    detail(),
                    delay);
            return PollOutcome.FAILED;
        }

        /** A reply the platform did not take: refused when it answered, unreachable when it did not. */
        public ReplyChannel.Failed replyFailed() {
            return new ReplyChannel.Failed(
                    status == 0 ? "channels.reply.unreachable" : "channels.reply.refused", detail());
        }

        public String detail() {
            return String.valueOf(getMessage());
        }
    }
}
