package io.backchannel.ideas;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A comment on an idea as its author wrote it; {@code parentId} names the comment it answers. */
public record CommentText(
        UUID id,
        long ideaNumber,
        @Nullable UUID parentId,
        UUID authorId,
        String markdown,
        boolean staff,
        Instant createdAt) {}
