package io.backchannel.channels.internal;

import java.util.Locale;

/**
 * The kinds of connector; the lower-case name is the {@code channel} of every post and reply and the archive's
 * platform. Only some can answer a post where it was said.
 */
public enum ConnectorKind {
    WEBHOOK(true),
    FEED(false),
    MANUAL(false),
    BLUESKY(false),
    X(true),
    FACEBOOK(true),
    LINKEDIN(true),
    MASTODON(true),
    BLUESKY_SEARCH(true);

    private final boolean canReply;

    ConnectorKind(boolean canReply) {
        this.canReply = canReply;
    }

    public boolean canReply() {
        return canReply;
    }

    /** The kinds an admin adds by hand; the manual connector is made on first use. */
    public static java.util.List<ConnectorKind> configurable() {
        return java.util.List.of(WEBHOOK, FEED, BLUESKY, BLUESKY_SEARCH, MASTODON, X, FACEBOOK, LINKEDIN);
    }

    public String channel() {
        // Posts found by Bluesky's search are Bluesky posts like those from Jetstream.
        return this == BLUESKY_SEARCH ? BLUESKY.channel() : name().toLowerCase(Locale.ROOT);
    }

    /** The message key of the kind's name; spelt out here so that the guard of translations finds each one. */
    public String labelKey() {
        return switch (this) {
            case WEBHOOK -> "channels.kind.webhook";
            case FEED -> "channels.kind.feed";
            case MANUAL -> "channels.kind.manual";
            case BLUESKY -> "channels.kind.bluesky";
            case X -> "channels.x.kind";
            case FACEBOOK -> "channels.facebook.kind";
            case LINKEDIN -> "channels.linkedin.kind";
            case MASTODON -> "channels.kind.mastodon";
            case BLUESKY_SEARCH -> "channels.kind.bluesky-search";
        };
    }
}
