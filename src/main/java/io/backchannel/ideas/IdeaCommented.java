package io.backchannel.ideas;

import java.util.UUID;

/** Someone commented on an idea; {@code staff} when the comment is an answer from the company. */
public record IdeaCommented(UUID ideaId, long number, UUID commentId, UUID authorId, boolean staff) {}
