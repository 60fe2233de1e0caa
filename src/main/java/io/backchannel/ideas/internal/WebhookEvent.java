package io.backchannel.ideas.internal;

/** What an endpoint can subscribe to; {@code wireName} is the value of the {@code X-Backchannel-Event} header. */
public enum WebhookEvent {
    IDEA_SUBMITTED("idea.submitted"),
    STATUS_CHANGED("idea.status_changed"),
    COMMENT_ADDED("idea.commented");

    private final String wireName;

    WebhookEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
