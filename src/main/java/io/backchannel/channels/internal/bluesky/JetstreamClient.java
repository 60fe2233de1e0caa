package io.backchannel.channels.internal.bluesky;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Connectors;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Keeps one Jetstream WebSocket per enabled Bluesky connector. It asks only for posts and resumes from the stored
 * cursor minus a small overlap (the unique key absorbs the repeats); a closed or failed stream counts as a failure
 * and is reconnected after the backoff by the next check. An event the database could not take for the moment ends the
 * stream the same way, before any later event moves the cursor past it.
 */
@Component
public class JetstreamClient {

    private static final Logger log = LoggerFactory.getLogger(JetstreamClient.class);
    static final long OVERLAP_MICROS = 5_000_000L;

    private final Connectors connectors;
    private final JetstreamEvents events;
    private final HttpClient client;
    private final Duration timeout;
    private final Map<UUID, WebSocket> sessions = new ConcurrentHashMap<>();

    JetstreamClient(
            Connectors connectors,
            JetstreamEvents events,
            @Value("${backchannel.channels.http-timeout:10s}") Duration timeout) {
        this.connectors = connectors;
        this.events = events;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Scheduled(
            fixedDelayString = "${backchannel.channels.jetstream-check-interval:15s}",
            initialDelayString = "${backchannel.channels.jetstream-check-interval:15s}")
    void connectDue() {
        for (Connector connector : connectors.due(ConnectorKind.BLUESKY, Instant.now())) {
            if (!sessions.containsKey(connector.id())) {
                connect(connector);
            }
        }
    }

    /** Opens the stream; failures are recorded on the connector rather than thrown. */
    public void connect(Connector connector) {
        URI uri = uri(connector.setting(Connector.URL), connector.cursor());
        try {
            // The session is registered in onOpen: a short stream may end before buildAsync's result arrives here.
            client.newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(uri, new Listener(connector))
                    .join();
        } catch (RuntimeException e) {
            connectors.failed(
                    connector.id(), "channels.error.unreachable", String.valueOf(e.getMessage()), null, Instant.now());
        }
    }

    public boolean connected(UUID connectorId) {
        return sessions.containsKey(connectorId);
    }

    /** Closes the stream (as a shutdown would); the cursor stays where the last stored event left it. */
    public void disconnect(UUID connectorId) {
        WebSocket socket = sessions.remove(connectorId);
        if (socket != null) {
            socket.abort();
        }
    }

    static URI uri(String base, @Nullable String cursor) {
        StringBuilder uri = new StringBuilder(base);
        uri.append(base.contains("?") ? '&' : '?')
                .append("wantedCollections=")
                .append(URLEncoder.encode(JetstreamEvents.POST, StandardCharsets.UTF_8));
        long position = JetstreamEvents.cursor(cursor);
        if (position > 0) {
            uri.append("&cursor=").append(Math.max(0, position - OVERLAP_MICROS));
        }
        return URI.create(uri.toString());
    }

    private final class Listener implements WebSocket.Listener {

        private final Connector connector;
        private final StringBuilder message = new StringBuilder();

        Listener(Connector connector) {
            this.connector = connector;
        }

        @Override
        public void onOpen(WebSocket socket) {
            sessions.put(connector.id(), socket);
            connectors.succeeded(connector.id(), null, Instant.now());
            socket.request(1);
        }

        @Override
        public @Nullable CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            message.append(data);
            if (message.length() > 1_000_000) {
                message.setLength(0);
                log.warn("Jetstream {}: a message over 1 MB was skipped", connector.name());
            } else if (last) {
                String line = message.toString();
                message.setLength(0);
                try {
                    if (events.handle(connector, line) == JetstreamEvents.Handled.MALFORMED) {
                        log.debug("Jetstream {}: skipped a malformed event", connector.name());
                    }
                } catch (RuntimeException e) {
                    if (worthRetrying(e)) {
                        // Going on would move the cursor past this event; a reconnect replays it from the cursor.
                        log.warn(
                                "Jetstream {}: an event could not be stored now; the stream is reopened later",
                                connector.name(),
                                e);
                        try {
                            ended("channels.error.store-failed", String.valueOf(e.getMessage()), socket);
                        } finally {
                            socket.abort();
                        }
                        return null;
                    }
                    log.warn("Jetstream {}: an event could not be stored and is skipped", connector.name(), e);
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed("closed " + statusCode + " " + reason, socket);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed(String.valueOf(error), socket);
        }

        private void closed(String detail, WebSocket socket) {
            ended("channels.error.stream-closed", detail, socket);
        }

        private void ended(String errorKey, String detail, WebSocket socket) {
            if (sessions.remove(connector.id(), socket)) {
                connectors.failed(connector.id(), errorKey, detail, null, Instant.now());
            }
        }
    }

    /**
     * Whether storing may succeed when tried again: the database was busy, unreachable or out of connections, or the
     * transaction lost a lock or serialisation conflict. Anything else would fail for this event every time, and
     * waiting for it would stop the whole stream.
     */
    static boolean worthRetrying(RuntimeException e) {
        return e instanceof TransientDataAccessException
                || e instanceof RecoverableDataAccessException
                || e instanceof DataAccessResourceFailureException
                || e instanceof CannotCreateTransactionException;
    }
}
