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
