package io.backchannel.channels.internal.mastodon;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import io.backchannel.channels.internal.IncomingPost;
import io.backchannel.channels.internal.platforms.JsonApi;
import io.backchannel.channels.internal.platforms.PlatformFailure;
import io.backchannel.channels.internal.platforms.PlatformSource;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Polls each Mastodon connector's sources at its interval. A source with a cursor is read forward from it with
 * {@code min_id}, page by page along the {@code Link} header, each page stored with its cursor, so a restart neither
 * skips nor repeats; a source without one starts at its newest page. When the platform says the calls are used up
 * ({@code X-RateLimit-Remaining: 0}) the connector waits until {@code X-RateLimit-Reset}. {@link
 * io.backchannel.channels.internal.platforms.PlatformPolling} runs the rounds.
 */
@Component
class MastodonPoller implements PlatformSource {

    private static final Pattern PREV = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?prev\"?");
    static final String NO_TOKEN = "channels.mastodon.no-token";
    static final String NOTHING_TO_HEAR = "channels.mastodon.nothing-to-hear";

    private final MastodonStatuses statuses;
    private final JsonApi api;

    MastodonPoller(MastodonStatuses statuses, JsonApi api) {
        this.statuses = statuses;
        this.api = api;
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.MASTODON;
    }

    /** A connector without a token is polled so that its status says so. */
    @Override
    public boolean needsToken() {
        return false;
    }

    @Override
    public void poll(Connector connector, String token, Pages pages) throws PlatformFailure {
        if (token.isEmpty()) {
            throw new PlatformFailure(NO_TOKEN, connector.name(), null);
        }
        List<MastodonSource> sources = MastodonSource.of(connector);
        if (sources.isEmpty()) {
            throw new PlatformFailure(NOTHING_TO_HEAR, connector.name(), null);
        }
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
        MastodonCursor cursor = MastodonCursor.parse(connector.cursor());
        for (MastodonSource source : sources) {
            cursor = read(connector, source, cursor, auth, pages);
            if (cursor == null) {
                return;
            }
        }
    }

    /** Reads one source from its cursor on; null when the round ends here. */
    private @Nullable MastodonCursor read(
            Connector connector, MastodonSource source, MastodonCursor cursor, Map<String, String> auth, Pages pages)
            throws PlatformFailure {
        String instance = connector.setting(Connector.URL);
        String since = cursor.get(source.key());
        URI next = source.uri(instance, since);
        while (next != null) {
            JsonApi.Answer answer = api.get(next, auth);
            List<JsonNode> items = source.items(answer.body());
            String newest = null;
            List<IncomingPost> found = new ArrayList<>();
            for (JsonNode item : items) {
                String id = JsonApi.text(item, "id");
                if (id != null && id.matches("[0-9A-Za-z]{1,64}")) {
                    newest = newest == null || MastodonSource.compareIds(id, newest) > 0 ? id : newest;
                }
                JsonNode status = source.status(item);
                IncomingPost post = status == null ? null : statuses.post(connector, status);
                if (post != null) {
                    found.add(post);
                }
            }
            if (newest == null) {
                break;
            }
            cursor = cursor.with(source.key(), newest);
            if (answer.exhaustedFor() != null) {
                pages.quotaUsedUp(answer.exhaustedFor());
            }
            if (!pages.store(found, cursor.format())) {
                return null;
            }
            // Without a cursor the newest page is the start; older posts are history, not news.
            next = since == null || items.size() < MastodonSource.PAGE
                    ? null
                    : newer(answer.headers(), source, instance, Objects.requireNonNull(cursor.get(source.key())));
        }
        return cursor;
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
