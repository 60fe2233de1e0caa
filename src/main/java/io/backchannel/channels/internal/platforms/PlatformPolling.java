package io.backchannel.channels.internal.platforms;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.IncomingPost;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the connectors of the platforms' APIs at their own interval, only those with credentials: each page is stored
 * with its cursor, a round reads at most a budget of pages (the rest follows next round from the cursor), and a
 * failure is recorded as the connector's status with a backoff no shorter than the platform's own wait.
 */
@Component
public class PlatformPolling {

    private static final Logger log = LoggerFactory.getLogger(PlatformPolling.class);

    private final List<PlatformSource> sources;
    private final Connectors connectors;
    private final PlatformStore store;
    private final int maxPages;

    PlatformPolling(
            List<PlatformSource> sources,
            Connectors connectors,
            PlatformStore store,
            @Value("${backchannel.channels.platform-max-pages:10}") int maxPages) {
        this.sources = sources;
        this.connectors = connectors;
        this.store = store;
        this.maxPages = Math.max(1, maxPages);
    }

    /** What one poll did, for tests and logs. */
    public enum Outcome {
        NEW_POSTS,
        NOTHING_NEW,
        FAILED,
        NO_CREDENTIALS
    }

    @Scheduled(
            fixedDelayString = "${backchannel.channels.api-check-interval:30s}",
            initialDelayString = "${backchannel.channels.api-check-interval:30s}")
    void pollDue() {
        Instant now = Instant.now();
        for (PlatformSource source : sources) {
            for (Connector connector : connectors.due(source.kind(), now)) {
                if (connector.hasCredentials() && intervalOver(connector, now)) {
                    try {
                        poll(connector);
                    } catch (RuntimeException e) {
                        // A credential sealed with another key or a database hiccup must not stop the other connectors.
                        log.warn("Connector {} could not be polled", connector.name(), e);
                    }
                }
            }
        }
    }

    private static boolean intervalOver(Connector connector, Instant now) {
        Instant last = connector.lastSuccessAt();
        if (connector.lastErrorAt() != null
                && (last == null || connector.lastErrorAt().isAfter(last))) {
            last = connector.lastErrorAt();
        }
        return last == null
                || !last.plus(Duration.ofMinutes(Math.max(1, connector.intervalMinutes())))
                        .isAfter(now);
    }

    public Outcome poll(Connector connector) {
        Instant now = Instant.now();
        Optional<PlatformSource> source = sources.stream()
                .filter(candidate -> candidate.kind() == connector.kind())
                .findFirst();
        Optional<String> token = connectors.secret(connector.id());
        if (source.isEmpty() || token.isEmpty()) {
            return Outcome.NO_CREDENTIALS;
        }
        Round round = new Round(connector);
        try {
            source.get().poll(connector, token.get(), round);
            connectors.succeeded(connector.id(), null, now);
            if (round.wait != null) {
                connectors.holdUntil(connector.id(), now.plus(round.wait));
            }
            return round.stored > 0 ? Outcome.NEW_POSTS : Outcome.NOTHING_NEW;
        } catch (PlatformFailure e) {
            e.record(connectors, connector, now);
            return Outcome.FAILED;
        }
    }

    private final class Round implements PlatformSource.Pages {

        private final Connector connector;
        private int pages;
        private int stored;
        private @Nullable Duration wait;

        Round(Connector connector) {
            this.connector = connector;
        }

        @Override
        public boolean store(List<IncomingPost> posts, @Nullable String cursor) {
            stored += store.store(connector, posts, cursor);
            return ++pages < maxPages && wait == null;
        }

        @Override
        public void quotaUsedUp(Duration wait) {
            this.wait = wait;
        }
    }
}
