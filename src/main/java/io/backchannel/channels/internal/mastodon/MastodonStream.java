package io.backchannel.channels.internal.mastodon;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.platforms.JsonApi;
import io.backchannel.channels.internal.platforms.PlatformPolling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the streaming API (Server-Sent Events) open for each Mastodon connector that asks for it, one stream per
 * streamed source. Once a stream is open the connector is polled over REST, so whatever came while it was closed is
 * caught up; a stream that ends counts as a failure and is opened again after the backoff by the next check.
 */
@Component
public class MastodonStream {

    private static final Logger log = LoggerFactory.getLogger(MastodonStream.class);
    static final String CLOSED = "channels.error.stream-closed";
    private static final int MAX_EVENT = 1_000_000;

    private final Connectors connectors;
    private final MastodonStatuses statuses;
    private final PlatformPolling polling;
    private final JsonMapper json;
    private final HttpClient client;
    private final Duration timeout;
    private final Map<UUID, Map<String, Stream<String>>> open = new ConcurrentHashMap<>();

    MastodonStream(
            Connectors connectors,
            MastodonStatuses statuses,
            PlatformPolling polling,
            JsonMapper json,
            @Value("${backchannel.channels.http-timeout:10s}") Duration timeout) {
        this.connectors = connectors;
        this.statuses = statuses;
        this.polling = polling;
        this.json = json;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Scheduled(
            fixedDelayString = "${backchannel.channels.api-check-interval:30s}",
            initialDelayString = "${backchannel.channels.api-check-interval:30s}")
    void connectDue() {
        // Streams of connectors since disabled or switched to polling alone are closed.
        Set<UUID> wanted = connectors.all().stream()
                .filter(connector ->
                        connector.kind() == ConnectorKind.MASTODON && connector.enabled() && streaming(connector))
                .map(Connector::id)
                .collect(Collectors.toSet());
        List.copyOf(open.keySet()).stream().filter(id -> !wanted.contains(id)).forEach(this::disconnect);
        for (Connector connector : connectors.due(ConnectorKind.MASTODON, Instant.now())) {
            if (streaming(connector) && !connected(connector.id())) {
                connect(connector);
            }
        }
    }

    private static boolean streaming(Connector connector) {
        return Boolean.parseBoolean(connector.setting(Connector.STREAMING));
    }

    /** Opens the connector's streams in the background; failures are recorded on the connector. */
    public void connect(Connector connector) {
        String token = connectors.secret(connector.id()).orElse(null);
        if (token == null) {
            connectors.failed(connector.id(), MastodonPoller.NO_TOKEN, connector.name(), null, Instant.now());
            return;
        }
        Map<String, Stream<String>> streams = open.computeIfAbsent(connector.id(), id -> new ConcurrentHashMap<>());
        for (MastodonSource source : MastodonSource.of(connector)) {
            if (source.stream() != null && !streams.containsKey(source.key())) {
                Thread.ofVirtual()
                        .name("mastodon-stream-" + connector.name())
                        .start(() -> listen(connector, source, token, streams));
            }
        }
    }

    public boolean connected(UUID connectorId) {
        Map<String, Stream<String>> streams = open.get(connectorId);
        return streams != null && !streams.isEmpty();
    }

    /** Closes the connector's streams (as a shutdown would); the REST cursor stays where it was. */
    public void disconnect(UUID connectorId) {
        Map<String, Stream<String>> streams = open.remove(connectorId);
        if (streams != null) {
            streams.values().forEach(Stream::close);
        }
    }

    private void listen(Connector connector, MastodonSource source, String token, Map<String, Stream<String>> streams) {
        URI uri = URI.create(connector.setting(Connector.URL).replaceAll("/+$", "") + source.stream());
        String detail;
        try {
            HttpResponse<Stream<String>> response = client.send(
                    HttpRequest.newBuilder(uri)
                            .header("Accept", "text/event-stream")
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = response.body()) {
                if (response.statusCode() != 200) {
                    connectors.failed(
                            connector.id(), JsonApi.HTTP_STATUS, "HTTP " + response.statusCode(), null, Instant.now());
                    return;
                }
                streams.put(source.key(), lines);
                connectors.succeeded(connector.id(), null, Instant.now());
                polling.poll(connectors.get(connector.id()));
                events(connector, lines.iterator());
                detail = "the server ended the stream";
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            detail = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            detail = "interrupted";
        } finally {
            streams.remove(source.key());
        }
        // A stream closed on purpose (disconnect) is no failure.
        if (open.get(connector.id()) == streams) {
            connectors.failed(connector.id(), CLOSED, detail, null, Instant.now());
        }
    }

    /** Reads Server-Sent Events: {@code event:} and {@code data:} lines up to a blank line; comments are heartbeats. */
    private void events(Connector connector, Iterator<String> lines) {
        String event = "message";
        StringBuilder data = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    handle(connector, event, data.toString());
                }
                event = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (data.length() + line.length() > MAX_EVENT) {
                    log.warn("Mastodon {}: an event over 1 MB was skipped", connector.name());
                    data.setLength(0);
                } else {
                    data.append(data.isEmpty() ? "" : "\n")
                            .append(line.substring(5).stripLeading());
                }
            }
        }
    }

    private void handle(Connector connector, String event, String data) {
        if (event.equals("delete")) {
            statuses.deleted(connector, data.strip());
            return;
        }
        try {
            JsonNode node = json.readTree(data);
            JsonNode status =
                    switch (event) {
                        case "update" -> node;
                        case "notification" -> MastodonSource.mentioned(node);
                        default -> null;
                    };
            if (status != null && status.isObject()) {
                statuses.capture(connector, status);
            }
        } catch (JacksonException e) {
            log.debug("Mastodon {}: skipped a malformed {} event", connector.name(), event);
        } catch (RuntimeException e) {
            log.warn("Mastodon {}: a streamed status could not be stored", connector.name(), e);
        }
    }
}
