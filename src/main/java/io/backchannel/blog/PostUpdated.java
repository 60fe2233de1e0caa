package io.backchannel.blog;

import java.time.Instant;
import java.util.UUID;

/** A published post was edited (or an earlier revision restored); {@code revision} is its new content revision. */
public record PostUpdated(UUID postId, String language, String slug, int revision, UUID editedBy, Instant updatedAt) {}
