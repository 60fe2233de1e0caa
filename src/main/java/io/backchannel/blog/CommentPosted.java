package io.backchannel.blog;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A comment became public: at once after a post-moderated submission, or when staff approve it. Guests have no
 * {@code authorId}; {@code staff} marks an answer from the company.
 */
public record CommentPosted(
        UUID commentId,
        UUID postId,
        @Nullable UUID parentId,
        @Nullable UUID authorId,
        boolean staff,
        Instant postedAt) {}
