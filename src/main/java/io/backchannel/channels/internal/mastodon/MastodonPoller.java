package io.backchannel.channels.internal.mastodon;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.PollOutcome;
import io.backchannel.channels.internal.platforms.JsonApi;
import io.backchannel.channels.internal.platforms.PlatformFailure;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Polls each Mastodon connector's sources at its interval. A source with a cursor is read forward from it with
 * {@code min_id}, page by page along the {@code Link} header, each page stored with its cursor, so a restart neither
 * skips nor repeats; a source without one starts at its newest page. When the platform says the calls are used up
 * ({@code X-RateLimit-Remaining: 0}) the connector waits until {@code X-RateLimit-Reset}.
 */
@Component
public class MastodonPoller {

    private static final Pattern PREV = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?prev\"?");
    static final int MAX_PAGES = 10;
    static final String NO_TOKEN = "channels.mastodon.no-token";
    static final String NOTHING_TO_HEAR = "channels.mastodon.nothing-to-hear";

    private final Connectors connectors;
    private final MastodonStatuses statuses;
    private final JsonApi api;

    MastodonPoller(Connectors connectors, MastodonStatuses statuses, JsonApi api) {
        this.connectors = connectors;
        this.statuses = statuses;
        this.api = api;
    }

    @Scheduled(
            fixedDelayString = "${backchannel.channels.api-check-interval:30s}",
            initialDelayString = "${backchannel.channels.api-check-interval:30s}")
    void pollDue() {
        connectors.duePolls(ConnectorKind.MASTODON, Instant.now()).forEach(this::poll);
    }

    public PollOutcome poll(Connector connector) {
        Instant now = Instant.now();
        String token = connectors.secret(connector.id()).orElse(null);
        if (token == null) {
            return new PlatformFailure(NO_TOKEN, connector.name(), null, 0).record(connectors, connector, now);
        }
        List<MastodonSource> sources = MastodonSource.of(connector);
        if (sources.isEmpty()) {
            return new PlatformFailure(NOTHING_TO_HEAR, connector.name(), null, 0).record(connectors, connector, now);
        }
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
        MastodonCursor cursor = MastodonCursor.parse(connector.cursor());
        int stored = 0;
        try {
            for (MastodonSource source : sources) {
                Read read = read(connector, source, cursor, auth);
                stored += read.stored();
                cursor = read.cursor();
                if (read.exhaustedFor() != null) {
                    connectors.succeeded(connector.id(), null, now);
                    connectors.holdUntil(connector.id(), Instant.now().plus(read.exhaustedFor()));
                    return PollOutcome.of(stored);
                }
            }
        } catch (PlatformFailure refused) {
            return refused.record(connectors, connector, now);
        }
        connectors.succeeded(connector.id(), null, now);
        return PollOutcome.of(stored);
    }

    private record Read(int stored, MastodonCursor cursor, @Nullable Duration exhaustedFor) {}

    private Read read(Connector connector, MastodonSource source, MastodonCursor cursor, Map<String, String> auth)
            throws PlatformFailure {
        String instance = connector.setting(Connector.URL);
        String since = cursor.get(source.key());
        URI next = source.uri(instance, since);
        int stored = 0;
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            JsonApi.Answer answer = api.get(next, auth);
            List<JsonNode> items = source.items(answer.body());
            String newest = null;
            List<JsonNode> found = new ArrayList<>();
            for (JsonNode item : items) {
                String id = JsonApi.text(item, "id");
                if (id != null && id.matches("[0-9A-Za-z]{1,64}")) {
                    newest = newest == null || MastodonSource.compareIds(id, newest) > 0 ? id : newest;
                }
                JsonNode status = source.status(item);
                if (status != null) {
                    found.add(status);
                }
            }
            if (newest == null) {
                break;
            }
            cursor = cursor.with(source.key(), newest);
            stored += statuses.store(connector, found, cursor);
            if (answer.exhaustedFor() != null) {
                return new Read(stored, cursor, answer.exhaustedFor());
            }
            // Without a cursor the newest page is the start; older posts are history, not news.
            next = since == null || items.size() < MastodonSource.PAGE
                    ? null
                    : newer(answer.headers(), source, instance, Objects.requireNonNull(cursor.get(source.key())));
        }
        return new Read(stored, cursor, null);
    }

    /** The page after this one: the {@code Link} header's {@code prev} (newer) page, or the same from the cursor. */
    private static URI newer(HttpHeaders headers, MastodonSource source, String instance, String newest) {
        for (String link : headers.allValues("Link")) {
            Matcher prev = PREV.matcher(link);
            if (prev.find()) {
                URI uri = URI.create(prev.group(1));
                URI base = URI.create(instance);
                // Only follow links to the instance itself: the token goes with every request.
                if (Objects.equals(uri.getHost(), base.getHost())
                        && Objects.equals(uri.getScheme(), base.getScheme())
                        && uri.getPort() == base.getPort()) {
                    return uri;
                }
            }
        }
        return source.uri(instance, newest);
    }
}
