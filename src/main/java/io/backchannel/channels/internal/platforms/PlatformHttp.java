package io.backchannel.channels.internal.platforms;

import io.backchannel.channels.internal.Backoff;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
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
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP exchanges with a platform's API: redirects never followed (a token must not travel to another host), bodies
 * read up to a limit, and read as JSON only when they are valid UTF-8, so that a broken answer becomes a clear status
 * instead of garbled posts.
 */
@Component
public class PlatformHttp {

    private final HttpClient client;
    private final JsonMapper json;
    private final Duration timeout;
    private final long maxBody;

    PlatformHttp(
            JsonMapper json,
            @Value("${backchannel.channels.http-timeout:10s}") Duration timeout,
            @Value("${backchannel.channels.platform-max-response:5MB}") DataSize maxBody) {
        this.json = json;
        this.timeout = timeout;
        this.maxBody = maxBody.toBytes();
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The platform's answer as it came, its body bounded. */
    public record Exchange(int status, HttpHeaders headers, byte[] body) {

        public boolean ok() {
            return status / 100 == 2;
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /**
         * How long the platform asks us to wait: {@code Retry-After}, or a used-up quota's reset under the common
         * {@code X-RateLimit-} names, the IETF draft's {@code RateLimit-} (Bluesky) or X's {@code x-rate-limit-}.
         */
        public Optional<Duration> platformWait(Instant now) {
            Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            all.putAll(headers.map());
            for (String name : List.of("remaining", "reset")) {
                for (String alias : List.of("ratelimit-", "x-rate-limit-")) {
                    headers.firstValue(alias + name)
                            .ifPresent(value -> all.putIfAbsent("x-ratelimit-" + name, List.of(value)));
                }
            }
            return Backoff.platformWait(all, now);
        }
    }

    /**
     * Sends the request; {@code malformedKey} names a body over the limit. Timeouts and unreachable hosts become the
     * connectors' common reasons.
     */
    public Exchange send(HttpRequest.Builder request, String malformedKey) throws PlatformFailure {
        try {
            HttpResponse<InputStream> response =
                    client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
                if (bytes.length > maxBody) {
                    throw new PlatformFailure(
                            malformedKey, "response over " + maxBody + " bytes", null, response.statusCode());
                }
                return new Exchange(response.statusCode(), response.headers(), bytes);
            }
        } catch (HttpTimeoutException e) {
            throw new PlatformFailure("channels.error.timeout", String.valueOf(e.getMessage()), null);
        } catch (IOException | IllegalArgumentException e) {
            throw new PlatformFailure(
                    "channels.error.unreachable", e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformFailure("channels.error.unreachable", "interrupted", null);
        }
    }

    /** The body as a JSON object; invalid UTF-8, bad syntax, an empty body or another JSON value are {@code malformedKey}. */
    public JsonNode json(Exchange exchange, String malformedKey) throws PlatformFailure {
        JsonNode node = tree(exchange, malformedKey, malformedKey);
        if (!node.isObject()) {
            throw new PlatformFailure(
                    malformedKey, "not a JSON object (HTTP " + exchange.status() + ")", null, exchange.status());
        }
        return node;
    }

    /** The body as any JSON document: invalid UTF-8 is {@code encodingKey}, bad syntax or no body {@code malformedKey}. */
    public JsonNode tree(Exchange exchange, String encodingKey, String malformedKey) throws PlatformFailure {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(exchange.body()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new PlatformFailure(
                    encodingKey, "invalid UTF-8 (HTTP " + exchange.status() + ")", null, exchange.status());
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new PlatformFailure(
                        malformedKey, "no JSON (HTTP " + exchange.status() + ")", null, exchange.status());
            }
            return node;
        } catch (JacksonException e) {
            throw new PlatformFailure(
                    malformedKey,
                    "invalid JSON (HTTP " + exchange.status() + "): " + e.getOriginalMessage(),
                    null,
                    exchange.status());
        }
    }

    /** A header carrying JSON (usage reports); an empty object when absent or unreadable. */
    public JsonNode headerJson(@Nullable String value) {
        try {
            JsonNode node = value == null ? null : json.readTree(value);
            return node != null && node.isObject() ? node : json.createObjectNode();
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }

    /** The body of a request, the exact bytes that went out (kept as the archive's evidence of a reply). */
    public byte[] write(Object body) {
        return json.writeValueAsBytes(body);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A field's text, empty when absent or not a string or number (ids may come as either). */
    public static String text(@Nullable JsonNode node, String field) {
        if (node == null) {
            return "";
        }
        JsonNode value = node.get(field);
        return value != null && (value.isString() || value.isNumber()) ? value.asString() : "";
    }

    /** The base address of a connector's API: its own setting (tests, proxies) or the platform's host. */
    public static String base(String configured, String platformDefault) {
        String base = configured.isBlank() ? platformDefault : configured.strip();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
