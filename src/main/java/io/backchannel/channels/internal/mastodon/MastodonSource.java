package io.backchannel.channels.internal.mastodon;

import io.backchannel.channels.internal.Connector;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One thing a Mastodon connector hears: its mentions, a hashtag or a search. {@code key} names its place in the
 * cursor; {@code stream} is the streaming API's path for it, if the platform streams it.
 */
record MastodonSource(String key, String path, @Nullable String stream) {

    static final int PAGE = 40;
    static final String MENTIONS = "mentions";

    static List<MastodonSource> of(Connector connector) {
        List<MastodonSource> sources = new ArrayList<>();
        if (Boolean.parseBoolean(connector.setting(Connector.MENTIONS))) {
            sources.add(new MastodonSource(
                    MENTIONS, "/api/v1/notifications?types%5B%5D=mention", "/api/v1/streaming/user/notification"));
        }
        for (String tag : hashtags(connector.setting(Connector.HASHTAGS))) {
            String encoded = URLEncoder.encode(tag, StandardCharsets.UTF_8);
            sources.add(new MastodonSource(
                    "tag:" + tag,
                    "/api/v1/timelines/tag/" + encoded + "?",
                    "/api/v1/streaming/hashtag?tag=" + encoded));
        }
        String query = connector.setting(Connector.QUERY).strip();
        if (!query.isEmpty()) {
            sources.add(new MastodonSource(
                    "search",
                    "/api/v2/search?type=statuses&resolve=false&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                    null));
        }
        return sources;
    }

    /** Comma- or space-separated hashtags, with or without their #, lower-cased as Mastodon matches them. */
    static List<String> hashtags(String setting) {
        return Arrays.stream(setting.split("[,\\s]+"))
                .map(tag -> tag.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT))
                .filter(tag -> !tag.isEmpty())
                .distinct()
                .toList();
    }

    boolean notifications() {
        return key.equals(MENTIONS);
    }

    /** The first page after {@code since} (oldest first, so paging forward leaves no gap), or the newest page. */
    URI uri(String instance, @Nullable String since) {
        StringBuilder uri = new StringBuilder(instance.replaceAll("/+$", "")).append(path);
        char last = uri.charAt(uri.length() - 1);
        if (last != '?') {
            uri.append('&');
        }
        uri.append("limit=").append(PAGE);
        if (since != null) {
            uri.append("&min_id=").append(URLEncoder.encode(since, StandardCharsets.UTF_8));
        }
        return URI.create(uri.toString());
    }

    /** The entities of one answer: an array, or the statuses of a search result. */
    List<JsonNode> items(JsonNode body) {
        JsonNode list = body.isArray() ? body : body.path("statuses");
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return items;
    }

    /** The status an item carries: the notification's status for mentions (other notification types carry none). */
    @Nullable
    JsonNode status(JsonNode item) {
        if (!notifications()) {
            return item.isObject() ? item : null;
        }
        return mentioned(item);
    }

    /** The status of a notification that is a mention; other notifications (follows, favourites) carry none. */
    static @Nullable JsonNode mentioned(JsonNode notification) {
        return "mention".equals(notification.path("type").asString(""))
                        && notification.path("status").isObject()
                ? notification.path("status")
                : null;
    }

    /** Mastodon's ids are decimal numbers of growing length; compares them without parsing. */
    static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
