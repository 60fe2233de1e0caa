package io.backchannel.blog.internal;

/** Where the work on an incident stands; every status but RESOLVED keeps the banner up. */
public enum IncidentStatus {
    INVESTIGATING,
    IDENTIFIED,
    MONITORING,
    RESOLVED;

    public boolean open() {
        return this != RESOLVED;
    }

    /** Spelled out so that the message guard sees every key. */
    public String bundleKey() {
        return switch (this) {
            case INVESTIGATING -> "blog.incident.status.INVESTIGATING";
            case IDENTIFIED -> "blog.incident.status.IDENTIFIED";
            case MONITORING -> "blog.incident.status.MONITORING";
            case RESOLVED -> "blog.incident.status.RESOLVED";
        };
    }
}
