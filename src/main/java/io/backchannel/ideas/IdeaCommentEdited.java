package io.backchannel.ideas;

import java.time.Instant;
import java.util.UUID;

/** The author changed a comment's text within the edit window; the new text replaces the old on the page. */
public record IdeaCommentEdited(UUID ideaId, long number, UUID commentId, UUID authorId, Instant editedAt) {}
