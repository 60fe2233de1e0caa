package io.backchannel.blog;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A post went public, at once or at its scheduled time. {@code translationOf} names the original when the post is a
 * translation.
 */
public record PostPublished(
        UUID postId,
        String language,
        String slug,
        String categorySlug,
        String title,
        @Nullable UUID translationOf,
        Instant publishedAt) {}
