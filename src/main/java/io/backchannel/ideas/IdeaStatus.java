package io.backchannel.ideas;

/** Where an idea stands. "Not planned" and "Duplicate" are only set with a public explanation. */
public enum IdeaStatus {
    NEW,
    UNDER_REVIEW,
    PLANNED,
    IN_PROGRESS,
    IMPLEMENTED,
    PARTIALLY_IMPLEMENTED,
    NOT_PLANNED,
    DUPLICATE,
    ARCHIVED;

    public boolean needsExplanation() {
        return this == NOT_PLANNED || this == DUPLICATE;
    }

    public boolean implemented() {
        return this == IMPLEMENTED || this == PARTIALLY_IMPLEMENTED;
    }

    /** Closed ideas take no more votes. */
    public boolean closed() {
        return implemented() || this == NOT_PLANNED || this == DUPLICATE || this == ARCHIVED;
    }
}
