package io.backchannel.ideas;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An idea as its author wrote it, for modules that keep what was said (the archive). */
public record IdeaText(
        UUID id,
        long number,
        String title,
        String markdown,
        UUID authorId,
        @Nullable String language,
        Instant createdAt) {}
