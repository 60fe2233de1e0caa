package io.backchannel.channels.internal.feeds;

import io.backchannel.channels.internal.Backoff;
import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Connectors;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls each feed connector at its own interval with a conditional GET (the last ETag and Last-Modified are its
 * cursor), stores new entries once, and on failure backs off, respecting the server's {@code Retry-After}.
 */
@Component
public class FeedPoller {

    private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

    private final Connectors connectors;
    private final FeedStore store;
    private final HttpClient client;
    private final Duration timeout;

    FeedPoller(
            Connectors connectors,
            FeedStore store,
            @Value("${backchannel.channels.http-timeout:10s}") Duration timeout) {
        this.connectors = connectors;
        this.store = store;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** What one poll did, for tests and logs. */
    public enum Outcome {
        NEW_ENTRIES,
        UNCHANGED,
        FAILED
    }

    @Scheduled(
            fixedDelayString = "${backchannel.channels.feed-check-interval:30s}",
            initialDelayString = "${backchannel.channels.feed-check-interval:30s}")
    void pollDue() {
        Instant now = Instant.now();
        for (Connector feed : connectors.due(ConnectorKind.FEED, now)) {
            if (feed.intervalOver(now)) {
                poll(feed);
            }
        }
    }

    public Outcome poll(Connector feed) {
        Instant now = Instant.now();
        Validators cursor = Validators.parse(feed.cursor());
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(feed.setting(Connector.URL)))
                    .timeout(timeout)
                    .header(
                            "Accept",
                            "application/atom+xml, application/rss+xml, application/feed+json,"
                                    + " application/xml;q=0.9, application/json;q=0.8, */*;q=0.5")
                    .GET();
            if (cursor.etag() != null) {
                request.header("If-None-Match", cursor.etag());
            }
            if (cursor.lastModified() != null) {
                request.header("If-Modified-Since", cursor.lastModified());
            }
            HttpResponse<InputStream> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status == 304) {
                    connectors.succeeded(feed.id(), null, now);
                    return Outcome.UNCHANGED;
                }
                Duration wait =
                        Backoff.platformWait(response.headers().map(), now).orElse(null);
                if (status == 429 || status == 503 && wait != null) {
                    return failed(feed, "channels.error.rate-limited", "HTTP " + status, wait, now);
                }
                if (status / 100 != 2) {
                    return failed(feed, "channels.error.http-status", "HTTP " + status, wait, now);
                }
                ParsedFeed parsed = FeedParser.parse(
                        body, response.headers().firstValue("Content-Type").orElse(null));
                Validators next = new Validators(
                        response.headers().firstValue("ETag").orElse(null),
                        response.headers().firstValue("Last-Modified").orElse(null));
                int stored = store.store(feed, parsed, next.format());
                connectors.succeeded(feed.id(), null, now);
                return stored > 0 ? Outcome.NEW_ENTRIES : Outcome.UNCHANGED;
            }
        } catch (FeedRefused e) {
            return failed(feed, e.reasonKey(), String.valueOf(e.getMessage()), null, now);
        } catch (HttpTimeoutException e) {
            return failed(feed, "channels.error.timeout", String.valueOf(e.getMessage()), null, now);
        } catch (IOException | IllegalArgumentException e) {
            return failed(
                    feed,
                    "channels.error.unreachable",
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    null,
                    now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.FAILED;
        }
    }

    private Outcome failed(Connector feed, String key, String detail, @Nullable Duration wait, Instant now) {
        Duration delay = connectors.failed(feed.id(), key, detail, wait, now);
        log.info("Feed {} failed ({}: {}); next attempt in {}", feed.name(), key, detail, delay);
        return Outcome.FAILED;
    }

    /** The cursor of a feed: its last ETag and Last-Modified, tab-separated, either possibly empty. */
    record Validators(@Nullable String etag, @Nullable String lastModified) {

        static Validators parse(@Nullable String cursor) {
            if (cursor == null || cursor.isEmpty()) {
                return new Validators(null, null);
            }
            String[] parts = cursor.split("\t", -1);
            return new Validators(emptyToNull(parts[0]), parts.length > 1 ? emptyToNull(parts[1]) : null);
        }

        String format() {
            return (etag == null ? "" : etag) + "\t" + (lastModified == null ? "" : lastModified);
        }

        private static @Nullable String emptyToNull(String value) {
            return value.isEmpty() ? null : value;
        }
    }
}
