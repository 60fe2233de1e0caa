package io.backchannel.blog;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A comment on a post as its author wrote it. Guests have no {@code authorId}, only the name they gave.
 *
 * @param postLanguage with {@code postSlug} the address of the post the comment is under
 */
public record BlogCommentText(
        UUID id,
        UUID postId,
        String postLanguage,
        String postSlug,
        @Nullable UUID parentId,
        @Nullable UUID authorId,
        String authorName,
        String markdown,
        boolean staff,
        boolean published,
        Instant createdAt) {}
