package io.backchannel.blog.internal;

import java.time.Instant;

/** Someone saved the post after the editor opened it: {@code savedBy} at {@code savedAt}, as revision {@code revision}. */
public class StaleEdit extends RuntimeException {

    private final String savedBy;
    private final Instant savedAt;
    private final int revision;

    StaleEdit(String savedBy, Instant savedAt, int revision) {
        super("Saved meanwhile by " + savedBy + " at " + savedAt);
        this.savedBy = savedBy;
        this.savedAt = savedAt;
        this.revision = revision;
    }

    public String savedBy() {
        return savedBy;
    }

    public Instant savedAt() {
        return savedAt;
    }

    public int revision() {
        return revision;
    }
}
