package io.backchannel.channels.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A configured connector with its plain settings, where it stopped, and how it fares (credentials stay sealed). */
public record Connector(
        UUID id,
        ConnectorKind kind,
        String name,
        Map<String, String> settings,
        boolean enabled,
        boolean hasCredentials,
        @Nullable String cursor,
        @Nullable Instant lastSuccessAt,
        @Nullable String lastErrorKey,
        @Nullable String lastErrorDetail,
        @Nullable Instant lastErrorAt,
        int consecutiveFailures,
        @Nullable Instant nextAttemptAt) {

    public static final String URL = "url";
    public static final String REPLY_URL = "replyUrl";
    public static final String INTERVAL_MINUTES = "intervalMinutes";
    public static final String FILTERS = "filters";
    public static final String ACCOUNT = "account";
    public static final String MENTIONS = "mentions";
    public static final String HASHTAGS = "hashtags";
    public static final String QUERY = "query";
    public static final String STREAMING = "streaming";

    public String setting(String key) {
        return settings.getOrDefault(key, "");
    }

    /** A feed's polling interval as configured, 15 when it is not a number. */
    public int intervalMinutes() {
        try {
            return Integer.parseInt(setting(INTERVAL_MINUTES));
        } catch (NumberFormatException e) {
            return 15;
        }
    }

    /** Whether a polling connector's interval has passed since its last attempt, successful or not. */
    public boolean intervalOver(Instant now) {
        Instant last = lastSuccessAt;
        if (last == null || lastErrorAt != null && lastErrorAt.isAfter(last)) {
            last = lastErrorAt;
        }
        return last == null
                || !last.plus(java.time.Duration.ofMinutes(Math.max(1, intervalMinutes())))
                        .isAfter(now);
    }

    /** The health shown on the admin list, as a message key. */
    public String statusKey() {
        if (!enabled) {
            return "channels.status.disabled";
        }
        if (consecutiveFailures > 0) {
            return "channels.status.failing";
        }
        return lastSuccessAt == null ? "channels.status.waiting" : "channels.status.healthy";
    }
}
