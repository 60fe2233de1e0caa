package io.backchannel.blog.internal;

/** What went wrong. */
public enum IncidentKind {
    PRODUCT_FAULT,
    OUTAGE,
    RECALL;

    /** Spelled out so that the message guard sees every key. */
    public String bundleKey() {
        return switch (this) {
            case PRODUCT_FAULT -> "blog.incident.kind.PRODUCT_FAULT";
            case OUTAGE -> "blog.incident.kind.OUTAGE";
            case RECALL -> "blog.incident.kind.RECALL";
        };
    }
}
