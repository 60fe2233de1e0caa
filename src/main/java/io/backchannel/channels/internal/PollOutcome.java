package io.backchannel.channels.internal;

/** What one poll of a platform's API did, for tests and logs. */
public enum PollOutcome {
    NEW_POSTS,
    UNCHANGED,
    FAILED;

    public static PollOutcome of(int stored) {
        return stored > 0 ? NEW_POSTS : UNCHANGED;
    }
}
