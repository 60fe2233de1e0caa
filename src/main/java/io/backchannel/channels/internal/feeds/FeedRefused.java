package io.backchannel.channels.internal.feeds;

/** The document cannot be read as a feed; {@code reasonKey} is a message key saying why. */
public class FeedRefused extends Exception {

    private final String reasonKey;

    FeedRefused(String reasonKey, String detail, Throwable cause) {
        super(detail, cause);
        this.reasonKey = reasonKey;
    }

    FeedRefused(String reasonKey, String detail) {
        super(detail);
        this.reasonKey = reasonKey;
    }

    public String reasonKey() {
        return reasonKey;
    }
}
