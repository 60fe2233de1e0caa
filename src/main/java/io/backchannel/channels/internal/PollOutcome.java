package io.backchannel.channels.internal;

/** What one poll of a platform's API did, for tests and logs. */
public enum PollOutcome {
    NEW_POSTS,
    UNCHANGED,
    FAILED,
    NO_CREDENTIALS
}
