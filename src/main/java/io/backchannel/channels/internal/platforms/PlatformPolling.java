package io.backchannel.channels.internal.platforms;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.IncomingPost;
import io.backchannel.channels.internal.PollOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the connectors of the platforms' APIs (every {@link PlatformSource}) at their own interval: each page is stored
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

    @Scheduled(
            fixedDelayString = "${backchannel.channels.api-check-interval:30s}",
            initialDelayString = "${backchannel.channels.api-check-interval:30s}")
    void pollDue() {
        Instant now = Instant.now();
        for (PlatformSource source : sources) {
            for (Connector connector : connectors.duePolls(source.kind(), now)) {
                if (!source.needsToken() || connector.hasCredentials()) {
                    try {
                        poll(source, connector);
                    } catch (RuntimeException e) {
                        // A credential sealed with another key or a database hiccup must not stop the other connectors.
                        log.warn("Connector {} could not be polled", connector.name(), e);
                    }
                }
            }
        }
    }

    public PollOutcome poll(Connector connector) {
        return sources.stream()
                .filter(candidate -> candidate.kind() == connector.kind())
                .findFirst()
                .map(source -> poll(source, connector))
                .orElse(PollOutcome.NO_CREDENTIALS);
    }

    private PollOutcome poll(PlatformSource source, Connector connector) {
        Instant now = Instant.now();
        String token = connectors.secret(connector.id()).orElse("");
        if (token.isEmpty() && source.needsToken()) {
            return PollOutcome.NO_CREDENTIALS;
        }
        Round round = new Round(connector);
        try {
            source.poll(connector, token, round);
        } catch (PlatformFailure e) {
            return e.record(connectors, connector, now);
        }
        connectors.succeeded(connector.id(), null, now);
        if (round.wait != null) {
            connectors.holdUntil(connector.id(), now.plus(round.wait));
        }
        return round.stored > 0 ? PollOutcome.NEW_POSTS : PollOutcome.UNCHANGED;
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
