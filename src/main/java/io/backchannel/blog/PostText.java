package io.backchannel.blog;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A post as it reads now: its current revision, whether it is public, and the original it translates if any.
 *
 * @param publishedAt when it went public, or null while it is a draft or scheduled
 */
public record PostText(
        UUID id,
        String language,
        String slug,
        String title,
        String summary,
        String markdown,
        UUID authorId,
        @Nullable UUID translationOf,
        int revision,
        boolean published,
        @Nullable Instant publishedAt) {}
